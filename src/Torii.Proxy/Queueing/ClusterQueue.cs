using System.Diagnostics;
using Google.Protobuf.Collections;
using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Queueing;

/// <summary>
/// The FIFO of requests and connections waiting for a backend slot of one cluster. A waiter is an
/// awaitable completion, not a thread or a buffer. A freed slot goes to the oldest waiter that can
/// use it; while anyone waits, a newcomer queues behind rather than taking a freed slot first.
/// The same queue is carried from one routing snapshot to the next, so a cluster update keeps it.
/// </summary>
public sealed class ClusterQueue
{
    // The waiters are linked through themselves, oldest first, and the queue is its own lock: a list and a lock
    // object were 80 bytes more per cluster at 100,000 clusters (bench/run.sh scenario s), nearly all never queued in.
    private QueueWaiter? _first;
    private QueueWaiter? _last;
    private ClusterRuntime? _cluster;
    private int _length;
    private int _stickyWaiters;
    private long _timeouts;

    /// <summary>Waiters now in the queue.</summary>
    public int Length => Volatile.Read(ref _length);

    /// <summary>Waiters that left the queue because queue_timeout passed.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    // Created by the first record: a large state's clusters mostly never use it (bench/run.sh scenario s).
    private LatencyHistogram? _waitTime;

    /// <summary>How long waiters waited, in microseconds, whatever ended their wait.</summary>
    public LatencyHistogram WaitTime => Volatile.Read(ref _waitTime) ?? LatencyHistogram.Create(ref _waitTime);

    /// <summary>Restarts the counters; the waiters stay.</summary>
    public void ClearMetrics()
    {
        Interlocked.Exchange(ref _timeouts, 0);
        Volatile.Read(ref _waitTime)?.Clear();
    }

    /// <summary>The queue's gauge, histogram and counter, named as the cluster's metrics.</summary>
    public void WriteTo(MapField<string, FilteredMetrics> metrics, MetricFilter filter)
    {
        filter.Gauge(metrics, "queue.waiting", Length);
        filter.Histogram(metrics, "queue.wait.time", Volatile.Read(ref _waitTime) ?? LatencyHistogram.Empty);
        filter.Count(metrics, "queue.timeout", Timeouts);
    }

    /// <summary>
    /// The cluster as the latest snapshot has it: waiters are re-evaluated against its backends at
    /// once (a new backend serves them, a removed sticky backend sends its waiters to any backend).
    /// Null when the cluster is removed: every waiter is told there is no backend.
    /// </summary>
    public void Update(ClusterRuntime? cluster)
    {
        if (cluster is not null)
        {
            lock (this)
            {
                _cluster = cluster;
            }

            Dispatch();
            return;
        }

        lock (this)
        {
            _cluster = null;
            while (_first is { } waiter)
            {
                RemoveLocked(waiter);
                waiter.Completion.TrySetResult(SlotGrant.NoBackend);
            }
        }
    }

    /// <summary>
    /// A backend slot: at once when one is free and nobody waits, else after waiting up to
    /// <paramref name="timeout"/>. <paramref name="clientGone"/> ends the wait when the client leaves.
    /// <paramref name="key"/> places the pick for a keyed balancer (HRW, MAGLEV).
    /// </summary>
    public ValueTask<SlotGrant> AcquireAsync(ClusterRuntime cluster, Backend? preferred, TimeSpan timeout, CancellationToken clientGone, ulong key = 0) =>
        TryAcquireAtOnce(cluster, preferred, timeout, out var grant, key)
            ? ValueTask.FromResult(grant)
            : WaitAsync(cluster, preferred, timeout, clientGone, key);

    /// <summary>
    /// Settles the request without waiting when it can: a free slot while nobody waits, no backend up,
    /// or no waiting allowed (a zero timeout). False when it must wait: then call <see cref="WaitAsync"/>.
    /// </summary>
    public bool TryAcquireAtOnce(ClusterRuntime cluster, Backend? preferred, TimeSpan timeout, out SlotGrant grant, ulong key = 0)
    {
        var now = Environment.TickCount64;
        if (Length == 0 && SlotPicker.TryTake(cluster, preferred, now, key) is { } backend)
        {
            grant = SlotGrant.To(backend);
            return true;
        }

        if (!SlotPicker.CanServe(cluster, preferred, now))
        {
            grant = SlotGrant.NoBackend;
            return true;
        }

        if (timeout <= TimeSpan.Zero)
        {
            Interlocked.Increment(ref _timeouts);
            grant = SlotGrant.TimedOut;
            return true;
        }

        grant = default;
        return false;
    }

    /// <summary>Gives back a slot and hands it (or any slot now free) to the oldest waiter that can use it.</summary>
    public void Release(Backend backend)
    {
        backend.ReleaseSlot();
        // ReleaseSlot is a full fence and a waiter counts itself in before it looks for a slot,
        // so either this sees the waiter or the waiter sees the freed slot.
        if (Length > 0)
        {
            Dispatch();
        }
    }

    /// <summary>Joins the queue, after <see cref="TryAcquireAtOnce"/> said the request must wait.</summary>
    public async ValueTask<SlotGrant> WaitAsync(ClusterRuntime cluster, Backend? preferred, TimeSpan timeout, CancellationToken clientGone, ulong key = 0)
    {
        var waiter = new QueueWaiter(preferred, Stopwatch.GetTimestamp()) { Key = key };
        lock (this)
        {
            _cluster ??= cluster;
            Append(waiter);
            if (preferred is not null)
            {
                _stickyWaiters++;
            }

            Interlocked.Increment(ref _length);
        }

        // A slot freed between the failed pick and joining the queue is found here.
        Dispatch();
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        expiry.CancelAfter(timeout);
        var grant = SlotGrant.TimedOut;
        using (expiry.Token.UnsafeRegister(LeaveOnCancel, (this, waiter, clientGone)))
        {
            grant = await waiter.Completion.Task.ConfigureAwait(false);
        }

        WaitTime.Record((long)Stopwatch.GetElapsedTime(waiter.EnqueuedAt).TotalMicroseconds);
        return grant;
    }

    private static void LeaveOnCancel(object? state)
    {
        var (queue, waiter, clientGone) = ((ClusterQueue, QueueWaiter, CancellationToken))state!;
        queue.Leave(waiter, clientGone);
    }

    private void Leave(QueueWaiter waiter, CancellationToken clientGone)
    {
        lock (this)
        {
            if (!waiter.Queued)
            {
                return;
            }

            RemoveLocked(waiter);
            if (clientGone.IsCancellationRequested)
            {
                waiter.Completion.TrySetResult(SlotGrant.Abandoned);
                return;
            }

            Interlocked.Increment(ref _timeouts);
            waiter.Completion.TrySetResult(SlotGrant.TimedOut);
        }
    }

    private void Dispatch()
    {
        lock (this)
        {
            var cluster = _cluster;
            if (cluster is null)
            {
                return;
            }

            var now = Environment.TickCount64;
            var anyBackendFull = false;
            for (var waiter = _first; waiter is not null;)
            {
                var next = waiter.Next;
                if (waiter.Preferred is { } sticky && !sticky.IsUp(now))
                {
                    // Its backend went down or left: like a new request without a valid cookie, any backend will do.
                    waiter.Preferred = null;
                    _stickyWaiters--;
                }

                // Once no backend had a slot for one waiter, later ones that take any backend cannot get one either.
                if (waiter.Preferred is not null || !anyBackendFull)
                {
                    if (SlotPicker.TryTake(cluster, waiter.Preferred, now, waiter.Key) is { } backend)
                    {
                        RemoveLocked(waiter);
                        waiter.Completion.TrySetResult(SlotGrant.To(backend));
                    }
                    else if (waiter.Preferred is null)
                    {
                        anyBackendFull = true;
                    }
                }

                if (anyBackendFull && _stickyWaiters == 0)
                {
                    return;
                }

                waiter = next;
            }
        }
    }

    private void Append(QueueWaiter waiter)
    {
        waiter.Previous = _last;
        if (_last is null)
        {
            _first = waiter;
        }
        else
        {
            _last.Next = waiter;
        }

        _last = waiter;
        waiter.Queued = true;
    }

    private void RemoveLocked(QueueWaiter waiter)
    {
        if (waiter.Previous is null)
        {
            _first = waiter.Next;
        }
        else
        {
            waiter.Previous.Next = waiter.Next;
        }

        if (waiter.Next is null)
        {
            _last = waiter.Previous;
        }
        else
        {
            waiter.Next.Previous = waiter.Previous;
        }

        waiter.Previous = waiter.Next = null;
        waiter.Queued = false;
        if (waiter.Preferred is not null)
        {
            _stickyWaiters--;
        }

        Interlocked.Decrement(ref _length);
    }
}
