using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

/// <summary>
/// Sets past <see cref="BackendSet.MaxArrayBackends"/> keep persistent trees. Random changes are checked
/// against a plain list and against array tiers built from scratch, so the tree form must agree with
/// the array form on every observable: order, lookups, sticky holders, limits, weights and slots.
/// </summary>
public sealed class BackendSetTreeTests
{
    private static readonly int[] s_weights = [0, 1, 2, 3, 4, 6, 10, 100];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomChangesAgreeWithAListAndWithArrayTiers(int seed)
    {
        var random = new Random(seed);
        var model = new List<Backend>();
        BackendSet set = BackendSet.Empty;
        int nextId = 0;
        for (int step = 0; step < 1500; step++)
        {
            BackendSet previous = set;
            Backend[] previousAll = previous.All.ToArray();

            // Grow to about 120 backends, then shrink below the array limit, then grow again.
            bool growing = step % 600 < 400;
            int action = random.Next(10);
            if (model.Count > 0 && (action < 2 || (!growing && action < 7)))
            {
                Backend removed = model[random.Next(model.Count)];
                model.Remove(removed);
                set = set.Without(removed.Id);
            }
            else if (model.Count > 0 && action < 5)
            {
                int index = random.Next(model.Count);
                Backend replacement = RandomBackend(random, model[index].Id);
                model[index] = replacement;
                set = set.With(replacement);
            }
            else
            {
                Backend added = RandomBackend(random, $"b{nextId++}");
                model.Add(added);
                set = set.With(added);
            }

            AssertAgrees(model, set);
            Assert.Equal(previousAll, previous.All.ToArray());
        }
    }

    [Fact]
    public void CreateOfALargeSetIsATreeThatAgreesWithTheList()
    {
        var random = new Random(7);
        List<Backend> model = [.. Enumerable.Range(0, 200).Select(i => RandomBackend(random, $"b{i}"))];

        BackendSet set = BackendSet.Create(model);

        Assert.True(set.Primary.IsTree);
        AssertAgrees(model, set);
    }

    [Fact]
    public void CreateOfALargeSetRejectsADuplicateId()
    {
        Backend[] backends = [.. Enumerable.Range(0, 40).Select(i => TestBackends.Create($"b{i}")), TestBackends.Create("b3")];

        Assert.Throws<ArgumentException>(() => BackendSet.Create(backends));
    }

    [Fact]
    public void RemovingTheHolderOfASharedStickyIdHandsItToTheNextInInsertionOrder()
    {
        BackendSet set = BackendSet.Create(Enumerable.Range(0, 40).Select(i => TestBackends.Create($"b{i}", stickyId: $"s{i}")));
        Backend first = TestBackends.Create("first", stickyId: "shared");
        Backend second = TestBackends.Create("second", stickyId: "shared");
        Backend third = TestBackends.Create("third", stickyId: "shared");
        set = set.With(first).With(second).With(third);
        long now = Environment.TickCount64;

        Assert.Same(first, set.FindSticky("shared", now));
        set = set.Without("first");
        Assert.Same(second, set.FindSticky("shared", now));

        // A replacement keeps its place: "second" changing its sticky id hands "shared" to "third".
        set = set.With(TestBackends.Create("second", stickyId: "moved"));
        Assert.Same(third, set.FindSticky("shared", now));
        Assert.Equal("second", set.FindSticky("moved", now)?.Id);
        Assert.Equal(["b39", "second", "third"], set.All[^3..].ToArray().Select(backend => backend.Id));
    }

    [Fact]
    public void RoundRobinOverATreeTierPicksByWeightOverOneCycle()
    {
        Backend[] backends = [.. Enumerable.Range(0, 60).Select(i => TestBackends.Create($"b{i}", weight: i % 3 == 0 ? 2 : 4))];
        BackendSet set = BackendSet.Create(backends).Without("b1").With(TestBackends.Create("late", weight: 6));
        var balancer = new RoundRobinLoadBalancer();
        Assert.True(set.Primary.IsTree);

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, Environment.TickCount64), set.Primary.TotalWeight);

        foreach (Backend backend in set.All)
        {
            Assert.Equal(backend.Weight / 2, counts.GetValueOrDefault(backend.Id));
        }
    }

    private static Backend RandomBackend(Random random, string id) =>
        TestBackends.Create(
            id,
            weight: s_weights[random.Next(s_weights.Length)],
            isBackup: random.Next(5) == 0,
            stickyId: random.Next(4) == 0 ? $"s{random.Next(6)}" : null,
            maxConnections: random.Next(20) == 0 ? 5 : 0);

    private static void AssertAgrees(List<Backend> model, BackendSet set)
    {
        long now = Environment.TickCount64;
        Assert.Equal(model, set.All.ToArray());
        Assert.Equal(model.Count, set.Count);
        Assert.Equal(model.Exists(backend => backend.MaxConnections > 0), set.HasLimits);
        Assert.Null(set.Find("missing"));
        foreach (Backend backend in model)
        {
            Assert.Same(backend, set.Find(backend.Id));
            Assert.Same(model.Find(candidate => candidate.StickyId == backend.StickyId), set.FindSticky(backend.StickyId, now));
        }

        if (model.Count > BackendSet.MaxArrayBackends)
        {
            Assert.True(set.Primary.IsTree);
        }

        AssertTierAgrees(new BackendTier(model.Where(backend => !backend.IsBackup)), set.Primary);
        AssertTierAgrees(new BackendTier(model.Where(backend => backend.IsBackup)), set.Backup);
    }

    private static void AssertTierAgrees(BackendTier expected, BackendTier actual)
    {
        Assert.Equal(expected.Members.ToArray(), actual.Members.ToArray());
        Assert.Equal(expected.Pickable.ToArray(), actual.Pickable.ToArray());
        Assert.Equal(expected.PickableCount, actual.PickableCount);
        Assert.Equal(expected.TotalWeight, actual.TotalWeight);
        if (expected.PickableCount == 0)
        {
            return;
        }

        Assert.Equal(expected.RoundRobinStride, actual.RoundRobinStride);
        Assert.Equal(expected.UniformWeights, actual.UniformWeights);
        for (int slot = 0; slot < expected.TotalWeight; slot++)
        {
            Assert.Equal(expected.IndexOfSlot(slot), actual.IndexOfSlot(slot));
        }

        for (int index = 0; index < expected.PickableCount; index++)
        {
            Assert.Same(expected.Pickable[index], actual.PickableAt(index));
        }
    }
}
