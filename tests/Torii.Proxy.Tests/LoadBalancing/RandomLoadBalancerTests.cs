using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

public sealed class RandomLoadBalancerTests
{
    [Fact]
    public void PicksFollowTheWeights()
    {
        var balancer = new RandomLoadBalancer(new Random(1234));
        BackendSet set = TestBackends.Set(TestBackends.Create("a", 100), TestBackends.Create("b", 200), TestBackends.Create("c", 700));

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 0), 100_000);

        Assert.InRange(counts["a"], 9_000, 11_000);
        Assert.InRange(counts["b"], 19_000, 21_000);
        Assert.InRange(counts["c"], 69_000, 71_000);
    }

    [Fact]
    public void ADownBackendsShareIsSpreadOverTheOthers()
    {
        var balancer = new RandomLoadBalancer(new Random(99));
        Backend down = TestBackends.Create("down", 500);
        BackendSet set = TestBackends.Set(down, TestBackends.Create("a", 100), TestBackends.Create("b", 300));
        down.RecordConnectFailure(0);

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 1), 40_000);

        Assert.False(counts.ContainsKey("down"));
        Assert.InRange(counts["a"] / (double)counts["b"], 0.25, 0.42);
    }

    [Fact]
    public void TheSameSeedGivesTheSameSequence()
    {
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b"), TestBackends.Create("c"));
        var first = new RandomLoadBalancer(new Random(7));
        var second = new RandomLoadBalancer(new Random(7));

        for (int i = 0; i < 100; i++)
        {
            Assert.Same(first.Pick(set, 0), second.Pick(set, 0));
        }

        Assert.Equal(LoadBalancingAlgorithms.Random, first.Algorithm);
    }
}
