using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

public sealed class OneOrManyTests
{
    [Fact]
    public void Items_follow_adds_and_removes_through_none_one_and_many_in_order()
    {
        var list = default(OneOrMany<string>);
        Assert.Empty(list.Items);

        list.Add("a");
        Assert.Equal(["a"], list.Items);

        list.Add("b");
        list.Add("c");
        Assert.Equal(["a", "b", "c"], list.Items);

        list.Remove("b");
        Assert.Equal(["a", "c"], list.Items);

        list.Remove("a");
        Assert.Equal(["c"], list.Items);

        list.Remove("absent");
        Assert.Equal(["c"], list.Items);

        list.Remove("c");
        Assert.Empty(list.Items);

        list.Add("d");
        list.Add("e");
        list.Remove("e");
        Assert.Equal(["d"], list.Items);
    }

    [Fact]
    public void Remove_takes_the_first_equal_item_only()
    {
        var list = default(OneOrMany<string>);
        list.Add("x");
        list.Add("y");
        list.Add("x");

        list.Remove(new string('x', 1));

        Assert.Equal(["y", "x"], list.Items);
    }
}
