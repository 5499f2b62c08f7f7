using System.Net;
using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

/// <summary>HRW and MAGLEV: a key keeps its backend, changes move only the keys they must, weights hold.</summary>
public sealed class KeyedLoadBalancerTests
{
    private const int Keys = 100_000;

    [Theory]
    [InlineData(LoadBalancingAlgorithms.Hrw, 5)]
    [InlineData(LoadBalancingAlgorithms.Maglev, 5)]
    [InlineData(LoadBalancingAlgorithms.Hrw, 10)]
    [InlineData(LoadBalancingAlgorithms.Maglev, 10)]
    public void AddingABackendMovesAboutOneNthOfTheKeysAllToIt(LoadBalancingAlgorithms algorithm, int before)
    {
        ILoadBalancer balancer = LoadBalancerFactory.Create(algorithm);
        Backend[] backends = [.. Enumerable.Range(0, before + 1).Select(i => TestBackends.Create($"b{i}"))];
        BackendSet small = TestBackends.Set(backends[..before]);
        BackendSet large = small.With(backends[before]);

        var moves = Moves(balancer, small, large);
        int moved = moves.Count;
        int movedElsewhere = moves.Count(move => move.To != $"b{before}");

        AssertShareNear(moved, 1.0 / (before + 1));
        if (algorithm == LoadBalancingAlgorithms.Hrw)
        {
            Assert.Equal(0, movedElsewhere);
        }
        else
        {
            // Maglev may shuffle a few slots between the old backends; far fewer than the new one takes.
            Assert.True(movedElsewhere < moved / 5, $"{movedElsewhere} of {moved} moved keys went to an old backend");
        }
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void RemovingABackendMovesAboutOneNthOfTheKeys(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = LoadBalancerFactory.Create(algorithm);
        BackendSet full = TestBackends.Set([.. Enumerable.Range(0, 8).Select(i => TestBackends.Create($"b{i}"))]);
        BackendSet reduced = full.Without("b3");

        var moves = Moves(balancer, full, reduced);
        int moved = moves.Count;
        int movedFromOthers = moves.Count(move => move.From != "b3");

        AssertShareNear(moved, 1.0 / 8);
        if (algorithm == LoadBalancingAlgorithms.Hrw)
        {
            Assert.Equal(0, movedFromOthers);
        }
        else
        {
            Assert.True(movedFromOthers < moved / 5, $"{movedFromOthers} of {moved} moved keys were not on the removed backend");
        }
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void KeysSpreadInProportionToWeight(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = LoadBalancerFactory.Create(algorithm);
        BackendSet set = TestBackends.Set(
            TestBackends.Create("w1", weight: 100),
            TestBackends.Create("w2", weight: 200),
            TestBackends.Create("w5", weight: 500));

        var counts = new Dictionary<string, int>();
        for (int i = 0; i < Keys; i++)
        {
            string id = balancer.Pick(set, 0, key: KeyOf(i))!.Id;
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        Assert.InRange(counts["w1"] / (double)Keys, 0.125 * 0.9, 0.125 * 1.1);
        Assert.InRange(counts["w2"] / (double)Keys, 0.25 * 0.9, 0.25 * 1.1);
        Assert.InRange(counts["w5"] / (double)Keys, 0.625 * 0.9, 0.625 * 1.1);
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void TwoBalancersOverEqualSetsAgreeOnEveryKey(LoadBalancingAlgorithms algorithm)
    {
        // Separate backend objects and balancers, as two processes (or a restart) would build them.
        BackendSet first = TestBackends.Set([.. Enumerable.Range(0, 7).Select(i => TestBackends.Create($"b{i}", weight: 50 + (10 * i)))]);
        BackendSet second = TestBackends.Set([.. Enumerable.Range(0, 7).Select(i => TestBackends.Create($"b{i}", weight: 50 + (10 * i)))]);
        ILoadBalancer one = LoadBalancerFactory.Create(algorithm);
        ILoadBalancer other = LoadBalancerFactory.Create(algorithm);

        var seen = new HashSet<string>();
        for (int i = 0; i < 10_000; i++)
        {
            ulong key = KeyOf(i);
            string id = one.Pick(first, 0, key: key)!.Id;
            Assert.Equal(id, other.Pick(second, 0, key: key)!.Id);
            Assert.Equal(id, one.Pick(first, 0, key: key)!.Id);
            seen.Add(id);
        }

        Assert.Equal(7, seen.Count);
    }

    [Fact]
    public void HrwSendsTheKeysOfADownBackendToTheirNextInOrder()
    {
        var balancer = new HrwLoadBalancer();
        Backend[] backends = [.. Enumerable.Range(0, 6).Select(i => TestBackends.Create($"b{i}", weight: 100 + (i * 40)))];
        BackendSet set = TestBackends.Set(backends);
        BackendSet withoutB2 = set.Without("b2");
        backends[2].RecordConnectFailure(0);

        for (int i = 0; i < 20_000; i++)
        {
            ulong key = KeyOf(i);
            Assert.Same(balancer.Pick(withoutB2, 1, key: key), balancer.Pick(set, 1, key: key));
        }
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void ABackendAtItsLimitHandsItsKeysOnDeterministicallyAndTheOthersKeepTheirs(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = LoadBalancerFactory.Create(algorithm);
        Backend full = TestBackends.Create("full", maxConnections: 1);
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), full, TestBackends.Create("c"), TestBackends.Create("d"));
        string[] before = [.. Enumerable.Range(0, 10_000).Select(i => balancer.Pick(set, 0, key: KeyOf(i))!.Id)];
        Assert.True(full.TryAcquireSlot());

        var fallbacks = new HashSet<string>();
        for (int i = 0; i < before.Length; i++)
        {
            string now = balancer.Pick(set, 0, key: KeyOf(i))!.Id;
            Assert.Equal(now, balancer.Pick(set, 0, key: KeyOf(i))!.Id);
            if (before[i] == "full")
            {
                Assert.NotEqual("full", now);
                fallbacks.Add(now);
            }
            else
            {
                Assert.Equal(before[i], now);
            }
        }

        // The keys of the full backend are shared among the others, not piled on one.
        Assert.Equal(["a", "c", "d"], fallbacks.Order());
    }

    [Fact]
    public void MaglevTableIsBuiltOncePerBackendSet()
    {
        var balancer = new MaglevLoadBalancer();
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b"));
        balancer.Pick(set, 0, key: 1);
        MaglevTable table = set.Primary.Maglev;

        balancer.Pick(set, 0, key: 2);

        Assert.Same(table, set.Primary.Maglev);
        Assert.Equal(MaglevTable.DefaultSize, table.Size);
        Assert.NotSame(table, set.With(TestBackends.Create("c")).Primary.Maglev);
    }

    [Fact]
    public void AClientAddressKeyIgnoresThePortAndTheIpv6MappingOfAnIpv4Address()
    {
        ulong v4 = BalancingKey.Of(IPAddress.Parse("127.0.0.7"));

        Assert.Equal(v4, BalancingKey.Of(IPAddress.Parse("127.0.0.7").MapToIPv6()));
        Assert.NotEqual(v4, BalancingKey.Of(IPAddress.Parse("127.0.0.8")));
        Assert.NotEqual(BalancingKey.Of("alice"u8), BalancingKey.Of("bob"u8));
    }

    /// <summary>The keys (of <see cref="Keys"/>) whose backend differs between two sets, as (from, to) ids.</summary>
    private static List<(string From, string To)> Moves(ILoadBalancer balancer, BackendSet before, BackendSet after)
    {
        var moves = new List<(string From, string To)>();
        for (int i = 0; i < Keys; i++)
        {
            string from = balancer.Pick(before, 0, key: KeyOf(i))!.Id;
            string to = balancer.Pick(after, 0, key: KeyOf(i))!.Id;
            if (from != to)
            {
                moves.Add((from, to));
            }
        }

        return moves;
    }

    private static ulong KeyOf(int i) => BalancingKey.Of(new IPAddress((uint)i + 0x0A000000u));

    private static void AssertShareNear(int moved, double expected)
    {
        double share = moved / (double)Keys;
        Assert.InRange(share, expected * 0.5, expected * 1.5);
    }
}
