using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Tests.LoadBalancing;

namespace Torii.Proxy.Tests.Health;

/// <summary>Every algorithm skips a backend its health check took down, and fails open when all are down.</summary>
public sealed class HealthAwareBalancingTests
{
    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    public void A_down_backend_is_never_picked(LoadBalancingAlgorithms algorithm)
    {
        var (health, a, b, backup) = Cluster(failOpen: true);
        health.RecordCheck(a, false, "status 500");
        var balancer = LoadBalancerFactory.Create(algorithm);
        var set = TestBackends.Set(a, b, backup);

        var counts = TestBackends.Tally(() => balancer.Pick(set, 0), 200);

        Assert.Equal(["b"], counts.Keys);
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    public void With_the_primaries_down_the_backup_serves_and_with_everything_down_the_primaries_serve_again(LoadBalancingAlgorithms algorithm)
    {
        var (health, a, b, backup) = Cluster(failOpen: true);
        var balancer = LoadBalancerFactory.Create(algorithm);
        var set = TestBackends.Set(a, b, backup);
        health.RecordCheck(a, false, "x");
        health.RecordCheck(b, false, "x");

        Assert.Equal(["backup"], TestBackends.Tally(() => balancer.Pick(set, 0), 20).Keys);

        health.RecordCheck(backup, false, "x");

        Assert.Equal(["a", "b"], TestBackends.Tally(() => balancer.Pick(set, 0), 20).Keys.Order());
    }

    [Fact]
    public void With_fail_open_false_and_everything_down_nothing_is_picked()
    {
        var (health, a, b, backup) = Cluster(failOpen: false);
        foreach (var backend in new[] { a, b, backup })
        {
            health.RecordCheck(backend, false, "x");
        }

        Assert.Null(new RoundRobinLoadBalancer().Pick(TestBackends.Set(a, b, backup), 0));
        Assert.Null(TestBackends.Set(a, b, backup).FindSticky(a.StickyId.AsSpan(), 0));
    }

    private static (ClusterHealth Health, Backend A, Backend B, Backend Backup) Cluster(bool failOpen)
    {
        var health = new ClusterHealth();
        var a = TestBackends.Create("a");
        var b = TestBackends.Create("b");
        var backup = TestBackends.Create("backup", isBackup: true);
        foreach (var backend in new[] { a, b, backup })
        {
            health.Attach(backend);
        }

        health.Configure(TestBackends.ClusterId, ClusterHealthTests.Config(healthy: 1, unhealthy: 1, failOpen));
        return (health, a, b, backup);
    }
}
