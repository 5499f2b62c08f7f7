using Torii.Proxy.State;

namespace Torii.Proxy.Tests.State;

public sealed class InsertionOrderedMapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomChangesEnumerateAsAnOrderedDictionaryDoes(int seed)
    {
        var random = new Random(seed);
        var expected = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        var map = new InsertionOrderedMap<string, int>(StringComparer.Ordinal);
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
                expected[key] = step;
                map[key] = step;
            }
            else
            {
                expected.Add(key, step);
                map.Add(key, step);
            }

            Assert.Equal(expected.Count, map.Count);
            Assert.Equal(expected.TryGetValue(key, out int value), map.TryGetValue(key, out int actual));
            Assert.Equal(value, actual);
            if (step % 50 == 0)
            {
                Assert.Equal(expected.ToArray(), map.ToArray());
                Assert.Equal(expected.Values.ToArray(), map.Values.ToArray());
            }
        }
    }

    [Fact]
    public void AddingAPresentKeyThrowsAndReadingAMissingOneThrows()
    {
        var map = new InsertionOrderedMap<string, int> { { "a", 1 } };

        Assert.Throws<ArgumentException>(() => map.Add("a", 2));
        Assert.Throws<KeyNotFoundException>(() => map["b"]);
        Assert.Equal(1, map["a"]);
    }

    [Fact]
    public void AKeyAddedAgainAfterItsRemovalGoesLast()
    {
        var map = new InsertionOrderedMap<string, int> { { "a", 1 }, { "b", 2 }, { "c", 3 } };

        map.Remove("a");
        map.Add("a", 4);

        Assert.Equal(["b", "c", "a"], map.Keys);
        Assert.Equal([2, 3, 4], map.Values);
    }
}
