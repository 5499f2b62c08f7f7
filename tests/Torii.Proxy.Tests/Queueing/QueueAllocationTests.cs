using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Queueing;
using Torii.Proxy.Tests.LoadBalancing;
using static Torii.Proxy.Tests.Queueing.QueueTestClusters;

namespace Torii.Proxy.Tests.Queueing;

/// <summary>What slots cost on the request path: nothing for unlimited backends, no allocation while no one waits.</summary>
[Collection("allocation measurements")]
public sealed class QueueAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Without_limits_picking_and_slot_calls_allocate_and_count_nothing()
    {
        Backend[] backends = [TestBackends.Create("a"), TestBackends.Create("b")];
        var set = TestBackends.Set(backends);
        var balancer = new RoundRobinLoadBalancer();
        PickAndRelease(balancer, set);

        var before = GC.GetAllocatedBytesForCurrentThread();
        PickAndRelease(balancer, set);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(set.HasLimits);
        Assert.Equal(0, allocated);
        Assert.All(backends, backend => Assert.Equal(0, backend.SlotsHeld));
    }

    [Fact]
    public void With_limits_a_slot_taken_without_waiting_allocates_nothing()
    {
        var backend = TestBackends.Create("a", maxConnections: 4);
        var cluster = Create(backend);
        AcquireAndRelease(cluster);

        var before = GC.GetAllocatedBytesForCurrentThread();
        AcquireAndRelease(cluster);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(0, backend.SlotsHeld);
    }

    private static void PickAndRelease(ILoadBalancer balancer, BackendSet set)
    {
        for (var i = 0; i < Iterations; i++)
        {
            var backend = balancer.Pick(set, 0)!;
            Assert.True(backend.TryAcquireSlot());
            backend.ReleaseSlot();
        }
    }

    private static void AcquireAndRelease(Runtime.ClusterRuntime cluster)
    {
        for (var i = 0; i < Iterations; i++)
        {
            Assert.True(cluster.Queue.TryAcquireAtOnce(cluster, null, Long, out var grant));
            cluster.Queue.Release(grant.Backend!);
        }
    }
}
