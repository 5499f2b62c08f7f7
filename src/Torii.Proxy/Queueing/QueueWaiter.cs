using Torii.Proxy.Backends;

namespace Torii.Proxy.Queueing;

/// <summary>
/// One request or connection waiting in a cluster's queue: no thread and no buffer, only this
/// object and the awaiter of its completion. Touched under the queue's lock only.
/// </summary>
internal sealed class QueueWaiter(Backend? preferred, long enqueuedAt)
{
    /// <summary>The sticky backend this waiter waits for, or null for any backend.</summary>
    public Backend? Preferred { get; set; } = preferred;

    /// <summary>What a keyed balancer (HRW, MAGLEV) places this waiter by; 0 for the others.</summary>
    public ulong Key { get; init; }

    /// <summary>Stopwatch timestamp of the moment it joined the queue.</summary>
    public long EnqueuedAt { get; } = enqueuedAt;

    /// <summary>Whether it is in its queue; the two links below are its neighbours there, oldest first.</summary>
    public bool Queued { get; set; }

    public QueueWaiter? Previous { get; set; }

    public QueueWaiter? Next { get; set; }

    public TaskCompletionSource<SlotGrant> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
