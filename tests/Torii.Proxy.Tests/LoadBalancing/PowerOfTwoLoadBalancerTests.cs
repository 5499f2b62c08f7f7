using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

public sealed class PowerOfTwoLoadBalancerTests
{
    [Fact]
    public void WithoutLoadPicksFollowTheWeights()
    {
        var balancer = new PowerOfTwoLoadBalancer(new Random(2024));
        BackendSet set = TestBackends.Set(TestBackends.Create("a", 100), TestBackends.Create("b", 300));

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 0), 40_000);

        Assert.InRange(counts["a"], 9_000, 11_000);
        Assert.InRange(counts["b"], 29_000, 31_000);
    }

    [Fact]
    public void TheLoadedBackendWinsOnlyWhenDrawnTwice()
    {
        var balancer = new PowerOfTwoLoadBalancer(new Random(5));
        Backend busy = TestBackends.Create("busy");
        Backend idle = TestBackends.Create("idle");
        BackendSet set = TestBackends.Set(busy, idle);
        TestBackends.SetConnections(busy, 50);

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 0), 40_000);

        // Both draws land on "busy" with probability 1/4.
        Assert.InRange(counts["busy"], 9_000, 11_000);
    }

    [Fact]
    public void ConnectionsStayBalancedWhenPicksAddLoad()
    {
        var balancer = new PowerOfTwoLoadBalancer(new Random(77));
        Backend[] backends = [.. Enumerable.Range(0, 4).Select(i => TestBackends.Create($"b{i}"))];
        BackendSet set = TestBackends.Set(backends);

        for (int i = 0; i < 4_000; i++)
        {
            balancer.Pick(set, 0)!.IncrementConnections();
        }

        foreach (Backend backend in backends)
        {
            Assert.InRange(backend.ActiveConnections, 950, 1_050);
        }
    }
}
