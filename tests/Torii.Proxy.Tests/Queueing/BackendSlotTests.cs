using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Tests.LoadBalancing;

namespace Torii.Proxy.Tests.Queueing;

public sealed class BackendSlotTests
{
    [Fact]
    public void ALimitedBackendGivesOutAtMostItsSlots()
    {
        var backend = TestBackends.Create("a", maxConnections: 2);

        Assert.True(backend.TryAcquireSlot());
        Assert.True(backend.TryAcquireSlot());
        Assert.False(backend.TryAcquireSlot());
        Assert.False(backend.IsAvailable(0));
        Assert.True(backend.IsUp(0));

        backend.ReleaseSlot();
        Assert.True(backend.IsAvailable(0));
        Assert.True(backend.TryAcquireSlot());
        Assert.Equal(2, backend.SlotsHeld);
    }

    [Fact]
    public void AnUnlimitedBackendNeverCountsSlots()
    {
        var backend = TestBackends.Create("a");

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(backend.TryAcquireSlot());
        }

        Assert.Equal(0, backend.SlotsHeld);
        Assert.True(backend.IsAvailable(0));
    }

    [Fact]
    public void ConcurrentAcquiresNeverExceedTheLimit()
    {
        var backend = TestBackends.Create("a", maxConnections: 7);
        var granted = 0;
        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            if (backend.TryAcquireSlot())
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(7, granted);
        Assert.Equal(7, backend.SlotsHeld);
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    public void NoAlgorithmPicksABackendAtItsLimit(LoadBalancingAlgorithms algorithm)
    {
        var full = TestBackends.Create("full", maxConnections: 1);
        var free = TestBackends.Create("free", maxConnections: 1);
        Assert.True(full.TryAcquireSlot());
        var balancer = LoadBalancerFactory.Create(algorithm);
        var set = TestBackends.Set(full, free);

        for (var i = 0; i < 100; i++)
        {
            Assert.Same(free, balancer.Pick(set, 0));
        }

        Assert.True(free.TryAcquireSlot());
        Assert.Null(balancer.Pick(set, 0));
    }

    [Fact]
    public void AStickyBackendAtItsLimitIsStillFoundSoTheRequestWaitsForIt()
    {
        var sticky = TestBackends.Create("a", stickyId: "s1", maxConnections: 1);
        var set = TestBackends.Set(sticky, TestBackends.Create("b"));
        Assert.True(sticky.TryAcquireSlot());

        Assert.Same(sticky, set.FindSticky("s1", 0));

        sticky.MarkRemoved();
        Assert.Null(set.FindSticky("s1", 0));
    }

    [Fact]
    public void OnlyASetWithALimitedBackendHasLimits()
    {
        Assert.False(TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b")).HasLimits);
        Assert.True(TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b", maxConnections: 3)).HasLimits);
    }

    [Fact]
    public void ANegativeLimitIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestBackends.Create("a", maxConnections: -1));
    }
}
