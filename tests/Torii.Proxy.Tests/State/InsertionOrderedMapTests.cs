using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

public sealed class InsertionOrderedMapTests
{
    /// <summary>A value that knows its key, as the state's clusters and frontends do.</summary>
    private sealed record Item(string Key, int Step);

    private static InsertionOrderedMap<string, Item> NewMap() => new(static item => item.Key, StringComparer.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomChangesEnumerateAsAnOrderedDictionaryDoes(int seed)
    {
        var random = new Random(seed);
        var expected = new OrderedDictionary<string, Item>(StringComparer.Ordinal);
        var map = NewMap();
        for (int step = 0; step < 5000; step++)
        {
            // Phases of mostly adding then mostly removing, so the map compacts its holes several times.
            bool removing = step % 1000 >= 600;
            string key = $"k{random.Next(800)}";
            if (random.Next(10) < (removing ? 8 : 3))
            {
                Assert.Equal(expected.Remove(key), map.Remove(key));
            }
            else if (expected.ContainsKey(key))
            {
                var item = new Item(key, step);
                expected[key] = item;
                map[key] = item;
            }
            else
            {
                var item = new Item(key, step);
                expected.Add(key, item);
                map.Add(key, item);
            }

            Assert.Equal(expected.Count, map.Count);
            Assert.Equal(expected.TryGetValue(key, out Item? value), map.TryGetValue(key, out Item? actual));
            Assert.Equal(value, actual);
            if (step % 50 == 0)
            {
                Assert.Equal(expected.ToArray(), map.ToArray());
                Assert.Equal(expected.Values.ToArray(), map.Values.ToArray());
                Assert.Equal(expected.Keys.ToArray(), map.Keys.ToArray());
                // Every key still finds its own value after the compactions so far.
                Assert.All(expected, pair => Assert.Same(pair.Value, map[pair.Key]));
            }
        }
    }

    [Fact]
    public void AddingAPresentKeyThrowsAndReadingAMissingOneThrows()
    {
        var map = NewMap();
        map.Add("a", new Item("a", 1));

        Assert.Throws<ArgumentException>(() => map.Add("a", new Item("a", 2)));
        Assert.Throws<KeyNotFoundException>(() => map["b"]);
        Assert.Equal(1, map["a"].Step);
    }

    [Fact]
    public void AKeyAddedAgainAfterItsRemovalGoesLast()
    {
        var map = NewMap();
        foreach (var (key, step) in new[] { ("a", 1), ("b", 2), ("c", 3) })
        {
            map.Add(key, new Item(key, step));
        }

        map.Remove("a");
        map.Add("a", new Item("a", 4));

        Assert.Equal(["b", "c", "a"], map.Keys);
        Assert.Equal([2, 3, 4], map.Values.Select(item => item.Step));
    }
}
