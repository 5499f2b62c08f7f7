using Torii.Proxy.Backends;
using Torii.Proxy.Queueing;
using Torii.Proxy.Tests.LoadBalancing;
using static Torii.Proxy.Tests.Queueing.QueueTestClusters;

namespace Torii.Proxy.Tests.Queueing;

public sealed class ClusterQueueTests
{
    [Fact]
    public async Task AFreeSlotIsGrantedAtOnceWithoutQueueing()
    {
        var backend = TestBackends.Create("a", maxConnections: 1);
        var cluster = Create(backend);

        var wait = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Same(backend, (await wait).Backend);
        Assert.Equal(0, cluster.Queue.Length);
    }

    [Fact]
    public async Task WaitersAreServedInArrivalOrderAsSlotsFree()
    {
        var backend = TestBackends.Create("a", maxConnections: 1);
        var cluster = Create(backend);
        Assert.Same(backend, (await cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None)).Backend);
        var waits = Enumerable.Range(0, 5).Select(_ => cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None).AsTask()).ToList();
        Assert.Equal(5, cluster.Queue.Length);
        Assert.All(waits, wait => Assert.False(wait.IsCompleted));

        for (var i = 0; i < waits.Count; i++)
        {
            cluster.Queue.Release(backend);
            var grant = await waits[i].WaitAsync(Patience);
            Assert.Equal(SlotWaitOutcome.Granted, grant.Outcome);
            Assert.Same(backend, grant.Backend);
            Assert.All(waits.Skip(i + 1), later => Assert.False(later.IsCompleted));
        }

        Assert.Equal(0, cluster.Queue.Length);
        Assert.Equal(1, backend.SlotsHeld);
    }

    [Fact]
    public async Task ANewcomerQueuesBehindTheWaitersInsteadOfTakingTheFreedSlot()
    {
        var (cluster, backend) = CreateFull();
        var first = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None).AsTask();

        var newcomer = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);
        Assert.False(newcomer.IsCompleted);
        cluster.Queue.Release(backend);

        Assert.Same(backend, (await first.WaitAsync(Patience)).Backend);
        Assert.False(newcomer.IsCompleted);
        cluster.Queue.Release(backend);
        Assert.Same(backend, (await Granted(newcomer)).Backend);
    }

    [Fact]
    public async Task AWaiterGetsTimedOutWhenNoSlotFreesInTime()
    {
        var (cluster, backend) = CreateFull();

        var grant = await Granted(cluster.Queue.AcquireAsync(cluster, null, TimeSpan.FromMilliseconds(100), CancellationToken.None));

        Assert.Equal(SlotWaitOutcome.TimedOut, grant.Outcome);
        Assert.Null(grant.Backend);
        Assert.Equal(0, cluster.Queue.Length);
        Assert.Equal(1, cluster.Queue.Timeouts);
        Assert.Equal(1, backend.SlotsHeld);

        // The slot freed afterwards goes to nobody: the timed-out waiter left the queue.
        cluster.Queue.Release(backend);
        Assert.Equal(0, backend.SlotsHeld);
    }

    [Fact]
    public async Task AZeroQueueTimeoutRefusesAtOnce()
    {
        var (cluster, backend) = CreateFull();

        var wait = cluster.Queue.AcquireAsync(cluster, null, TimeSpan.Zero, CancellationToken.None);

        Assert.True(wait.IsCompleted);
        Assert.Equal(SlotWaitOutcome.TimedOut, (await wait).Outcome);
    }

    [Fact]
    public async Task AClientThatLeavesIsRemovedFromTheQueueAndDoesNotTakeASlot()
    {
        var (cluster, backend) = CreateFull();
        using var gone = new CancellationTokenSource();
        var leaving = cluster.Queue.AcquireAsync(cluster, null, Long, gone.Token);
        var staying = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);
        Assert.Equal(2, cluster.Queue.Length);

        await gone.CancelAsync();

        Assert.Equal(SlotWaitOutcome.Abandoned, (await Granted(leaving)).Outcome);
        Assert.Equal(1, cluster.Queue.Length);
        Assert.Equal(0, cluster.Queue.Timeouts);
        cluster.Queue.Release(backend);
        Assert.Same(backend, (await Granted(staying)).Backend);
    }

    [Fact]
    public async Task AStickyWaiterWaitsForItsBackendWhileLaterWaitersTakeOtherSlots()
    {
        var (cluster, sticky, other) = CreateTwoFull();
        var stickyWait = cluster.Queue.AcquireAsync(cluster, sticky, Long, CancellationToken.None).AsTask();
        var anyWait = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None).AsTask();

        cluster.Queue.Release(other);

        Assert.Same(other, (await anyWait.WaitAsync(Patience)).Backend);
        Assert.False(stickyWait.IsCompleted);
        cluster.Queue.Release(sticky);
        Assert.Same(sticky, (await stickyWait.WaitAsync(Patience)).Backend);
    }

    [Fact]
    public async Task AStickyWaiterWhoseBackendLeavesFallsBackToAnyBackend()
    {
        var (cluster, sticky, other) = CreateTwoFull();
        var stickyWait = cluster.Queue.AcquireAsync(cluster, sticky, Long, CancellationToken.None).AsTask();

        sticky.MarkRemoved();
        var replacement = TestBackends.Create("c", maxConnections: 1);
        WithBackends(cluster, other, replacement);

        Assert.Same(replacement, (await stickyWait.WaitAsync(Patience)).Backend);
    }

    [Fact]
    public async Task ABackendAddedWhileRequestsWaitServesThem()
    {
        var busy = TestBackends.Create("a", maxConnections: 1);
        var cluster = Create(busy);
        Assert.True(busy.TryAcquireSlot());
        var waits = Enumerable.Range(0, 2).Select(_ => cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None).AsTask()).ToList();

        var added = TestBackends.Create("b", maxConnections: 2);
        WithBackends(cluster, busy, added);

        var grants = await Task.WhenAll(waits).WaitAsync(Patience);
        Assert.All(grants, grant => Assert.Same(added, grant.Backend));
        Assert.Equal(2, added.SlotsHeld);
    }

    [Fact]
    public async Task ARemovedClusterTellsItsWaitersThereIsNoBackend()
    {
        var (cluster, backend) = CreateFull();
        var wait = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);

        cluster.Queue.Update(null);

        Assert.Equal(SlotWaitOutcome.NoBackend, (await Granted(wait)).Outcome);
        Assert.Equal(0, cluster.Queue.Length);
    }

    [Fact]
    public async Task NothingWaitsWhenNoBackendIsUp()
    {
        var backend = TestBackends.Create("a", maxConnections: 1);
        var cluster = Create(backend);
        backend.RecordConnectFailure(Environment.TickCount64);

        var wait = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);

        Assert.True(wait.IsCompleted);
        Assert.Equal(SlotWaitOutcome.NoBackend, (await wait).Outcome);
    }

    [Fact]
    public async Task BackupsServeOnlyWhenEveryPrimaryIsDownNotWhenTheyAreFull()
    {
        var primary = TestBackends.Create("primary", maxConnections: 1);
        var backup = TestBackends.Create("backup", isBackup: true, maxConnections: 5);
        var cluster = Create(primary, backup);
        Assert.Same(primary, (await cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None)).Backend);

        var waiting = cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        primary.RecordConnectFailure(Environment.TickCount64);
        var backupGrant = await cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);
        Assert.Equal(SlotWaitOutcome.Granted, backupGrant.Outcome);
        cluster.Queue.Release(primary);
        Assert.Same(backup, (await Granted(waiting)).Backend);
    }

    [Fact]
    public async Task UnderConcurrencyEveryRequestIsServedAndNoBackendExceedsItsLimit()
    {
        Backend[] backends = [TestBackends.Create("a", maxConnections: 2), TestBackends.Create("b", maxConnections: 3)];
        var cluster = Create(backends);
        var inUse = new int[backends.Length];
        var peak = new int[backends.Length];

        async Task<SlotWaitOutcome> OneRequestAsync()
        {
            await Task.Yield();
            var grant = await cluster.Queue.AcquireAsync(cluster, null, Long, CancellationToken.None);
            var index = Array.IndexOf(backends, grant.Backend);
            var now = Interlocked.Increment(ref inUse[index]);
            InterlockedMax(ref peak[index], now);
            await Task.Delay(1);
            Interlocked.Decrement(ref inUse[index]);
            cluster.Queue.Release(grant.Backend!);
            return grant.Outcome;
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => OneRequestAsync())).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(outcomes, outcome => Assert.Equal(SlotWaitOutcome.Granted, outcome));
        Assert.InRange(peak[0], 1, 2);
        Assert.InRange(peak[1], 1, 3);
        Assert.Equal(0, backends[0].SlotsHeld);
        Assert.Equal(0, backends[1].SlotsHeld);
        Assert.Equal(0, cluster.Queue.Length);
    }

    /// <summary>A cluster of two backends with one slot each, both taken.</summary>
    private static (Runtime.ClusterRuntime Cluster, Backend Sticky, Backend Other) CreateTwoFull()
    {
        var sticky = TestBackends.Create("a", maxConnections: 1);
        var other = TestBackends.Create("b", maxConnections: 1);
        var cluster = Create(sticky, other);
        Assert.True(sticky.TryAcquireSlot());
        Assert.True(other.TryAcquireSlot());
        return (cluster, sticky, other);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
