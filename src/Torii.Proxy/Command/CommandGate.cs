namespace Torii.Proxy.Command;

/// <summary>
/// The dispatcher's one-request-at-a-time gate, first come first served. A waiter that asks for it is
/// handed the gate on the thread that releases it, right there: SemaphoreSlim queues every waiter to the
/// thread pool, and with a few connectors sending changes at once a pool thread woke, applied one change
/// and spun idle for each. Only short requests ask for it, because the releaser's own answer goes out once
/// the waiter it runs is done; for the same reason a waiter run inline hands the gate on through the pool,
/// so an answer waits for one other change at most (with a chain of 8, the command answer p99 under
/// bench/run.sh scenario s grew from 7 to 9 ms).
/// </summary>
internal sealed class CommandGate
{
    private const int MaxInlineDepth = 1;

    [ThreadStatic]
    private static int t_inlineDepth;

    private readonly Lock _lock = new();
    private readonly Queue<CommandGateWaiter> _waiters = new();
    private bool _held;

    /// <param name="inline">Whether the waiter may run on the releasing thread (a short request).</param>
    public ValueTask EnterAsync(bool inline, CancellationToken cancellationToken = default)
    {
        CommandGateWaiter waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return ValueTask.CompletedTask;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(cancellationToken);
            }

            waiter = new CommandGateWaiter(inline);
            _waiters.Enqueue(waiter);
        }

        waiter.WatchCancellation(cancellationToken);
        return new ValueTask(waiter.Task);
    }

    public void Release()
    {
        CommandGateWaiter? next = null;
        lock (_lock)
        {
            while (_waiters.TryDequeue(out var candidate))
            {
                if (candidate.TryClaim())
                {
                    next = candidate;
                    break;
                }
            }

            if (next is null)
            {
                _held = false;
                return;
            }
        }

        if (!next.Inline)
        {
            next.Grant();
        }
        else if (t_inlineDepth >= MaxInlineDepth)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static waiter => waiter.Grant(), next, preferLocal: false);
        }
        else
        {
            t_inlineDepth++;
            try
            {
                next.Grant();
            }
            finally
            {
                t_inlineDepth--;
            }
        }
    }
}
