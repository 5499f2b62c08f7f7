using Torii.Connectors.Web.Pages;

namespace Torii.Connectors.Web.Tests.Pages;

public sealed class HtmlTests
{
    [Fact]
    public void Every_hole_is_encoded_unless_it_is_markup()
    {
        const string Hostile = "<script>alert(1)</script>\"'&";
        Markup inner = Html.Of($"<b>{Hostile}</b>");
        Markup outer = Html.Of($"<td title=\"{Hostile}\">{inner}{42}</td>");
        Assert.Equal("<td title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;\"><b>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;</b>42</td>", outer.Value);
    }

    [Fact]
    public void A_sequence_of_markup_is_written_as_is_whatever_its_static_type()
    {
        List<Markup> rows = [Html.Of($"<tr>{"a<"}</tr>"), Html.Of($"<tr>{"b"}</tr>")];
        Assert.Equal("<tbody><tr>a&lt;</tr><tr>b</tr></tbody>", Html.Of($"<tbody>{rows}</tbody>").Value);
        Assert.Equal("<p></p>", Html.Of($"<p>{(string?)null}{default(Markup)}</p>").Value);
    }
}
