using Torii.Proxy.Backends;

namespace Torii.Proxy.Health;

/// <summary>One backend's place in the schedule. Cancelled entries stay in the queue and are dropped when they come due.</summary>
internal sealed class ScheduledCheck(Backend backend, TrackedCluster owner)
{
    private int _running;
    private volatile bool _cancelled;
    private CancellationTokenSource _timeout = new();

    public Backend Backend { get; } = backend;

    public TrackedCluster Owner { get; } = owner;

    /// <summary>Only the scheduler's thread reads and writes it.</summary>
    public long DueMs { get; set; }

    /// <summary>Read by the check's own task too: a check of a backend that left the schedule records nothing.</summary>
    public bool IsCancelled => _cancelled;

    /// <summary>Drops the entry and ends a check of it still running.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _timeout.Cancel();
    }

    /// <summary>Counts the checks started, so that a timeout can tell the run it belongs to.</summary>
    public long Run { get; private set; }

    /// <summary>
    /// The cancellation of the check about to start, on one source reused check after check (a fresh one
    /// only after it was cancelled): a thousand checks a second allocate nothing for it. The checker's
    /// loop cancels it at the timeout. Called only by that loop, after <see cref="TryBegin"/>.
    /// </summary>
    public CancellationTokenSource Arm()
    {
        if (!_timeout.TryReset())
        {
            _timeout.Dispose();
            _timeout = new CancellationTokenSource();
            if (_cancelled)
            {
                _timeout.Cancel();
            }
        }

        Run++;
        return _timeout;
    }

    /// <summary>Cancels run <paramref name="run"/> if it is still the one running (the loop's thread only).</summary>
    public void CancelRun(long run)
    {
        if (run == Run && Volatile.Read(ref _running) != 0)
        {
            _timeout.Cancel();
        }
    }

    /// <summary>False while the previous check of this backend still runs: a slow backend never has two at once.</summary>
    public bool TryBegin() => Interlocked.Exchange(ref _running, 1) == 0;

    public void End() => Volatile.Write(ref _running, 0);
}
