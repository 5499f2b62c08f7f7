using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

public sealed class LeastLoadedLoadBalancerTests
{
    [Fact]
    public void ThePickHasTheFewestConnections()
    {
        var balancer = new LeastLoadedLoadBalancer();
        Backend a = TestBackends.Create("a");
        Backend b = TestBackends.Create("b");
        Backend c = TestBackends.Create("c");
        BackendSet set = TestBackends.Set(a, b, c);
        TestBackends.SetConnections(a, 5);
        TestBackends.SetConnections(b, 2);
        TestBackends.SetConnections(c, 9);

        for (int i = 0; i < 10; i++)
        {
            Assert.Same(b, balancer.Pick(set, 0));
        }

        TestBackends.SetConnections(b, 6);
        Assert.Same(a, balancer.Pick(set, 0));
    }

    [Fact]
    public void LoadIsMeasuredRelativeToWeight()
    {
        var balancer = new LeastLoadedLoadBalancer();
        Backend big = TestBackends.Create("big", weight: 100);
        Backend small = TestBackends.Create("small", weight: 10);
        BackendSet set = TestBackends.Set(big, small);
        TestBackends.SetConnections(big, 10);
        TestBackends.SetConnections(small, 2);

        Assert.Same(big, balancer.Pick(set, 0));
    }

    [Fact]
    public void TiesRotate()
    {
        var balancer = new LeastLoadedLoadBalancer();
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b"), TestBackends.Create("c"));

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 0), 300);

        Assert.Equal(100, counts["a"]);
        Assert.Equal(100, counts["b"]);
        Assert.Equal(100, counts["c"]);
    }

    [Fact]
    public void ConnectionsSpreadInProportionToWeight()
    {
        var balancer = new LeastLoadedLoadBalancer();
        Backend light = TestBackends.Create("light", weight: 1);
        Backend heavy = TestBackends.Create("heavy", weight: 3);
        BackendSet set = TestBackends.Set(light, heavy);

        for (int i = 0; i < 400; i++)
        {
            balancer.Pick(set, 0)!.IncrementConnections();
        }

        Assert.Equal(100, light.ActiveConnections);
        Assert.Equal(300, heavy.ActiveConnections);
    }

    [Fact]
    public void ALoadedBackendGetsNothingUntilOthersCatchUp()
    {
        var balancer = new LeastLoadedLoadBalancer();
        Backend busy = TestBackends.Create("busy");
        Backend idle = TestBackends.Create("idle");
        BackendSet set = TestBackends.Set(busy, idle);
        TestBackends.SetConnections(busy, 10);

        for (int i = 0; i < 10; i++)
        {
            Backend picked = balancer.Pick(set, 0)!;
            Assert.Same(idle, picked);
            picked.IncrementConnections();
        }

        Assert.Equal(10, idle.ActiveConnections);
    }
}
