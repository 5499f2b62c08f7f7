using System.Net.Sockets;
using Torii.Proxy.Metrics;
using Torii.Proxy.Queueing;

namespace Torii.Proxy.Connections;

/// <summary>
/// Counts client connections against max_connections, queues the ones beyond it in the accept queue
/// (served oldest first as connections close), and lets a soft stop wait for the last one.
/// </summary>
public sealed class ConnectionTracker
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _maxConnections;
    private readonly AcceptQueue _queue;
    private int _active;
    private volatile bool _draining;

    /// <param name="acceptQueueTimeout">How long a connection beyond max_connections may wait; zero closes it at once.</param>
    public ConnectionTracker(int maxConnections, TimeSpan acceptQueueTimeout = default, ProxyMetrics? metrics = null)
    {
        _maxConnections = maxConnections;
        _queue = new AcceptQueue(acceptQueueTimeout, metrics);
    }

    public int Active => Volatile.Read(ref _active);

    /// <summary>Connections accepted but waiting for a slot.</summary>
    public int Queued => _queue.Length;

    /// <summary>A slot for a new connection; refused while others wait in the accept queue, so none is overtaken.</summary>
    public bool TryEnter() => !_draining && _queue.Length == 0 && TryTakeSlot();

    /// <summary>
    /// For a connection <see cref="TryEnter"/> refused: it waits in the accept queue and <paramref name="start"/>
    /// runs it once it holds a slot. False when it cannot wait (stopping, or no accept queue): the caller closes it.
    /// </summary>
    public bool TryQueue(Socket client, Action<Socket> start)
    {
        if (_draining || !_queue.Enabled)
        {
            return false;
        }

        _queue.Add(client, start);
        // A slot freed between the refusal and joining the queue is found here.
        PromoteWaiting();
        return true;
    }

    /// <summary>Ends a connection: its slot goes to the oldest waiting connection, if any.</summary>
    public void Exit()
    {
        if (!_draining && _queue.Length > 0 && _queue.TryTake(out var next))
        {
            next.Start(next.Client);
            return;
        }

        Release();
        // Release is a full fence and a queued connection counts itself in before it looks for a
        // slot, so either this sees it or it sees the freed slot.
        if (_queue.Length > 0)
        {
            PromoteWaiting();
        }
    }

    /// <summary>Refuses new connections, closes the waiting ones, and completes when the open ones have finished.</summary>
    public Task DrainAsync()
    {
        _draining = true;
        _queue.CloseAll();
        if (Active == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    private bool TryTakeSlot() => SlotCounter.TryTake(ref _active, _maxConnections);

    private void Release()
    {
        if (Interlocked.Decrement(ref _active) == 0 && _draining)
        {
            _drained.TrySetResult();
        }
    }

    private void PromoteWaiting()
    {
        while (!_draining && _queue.Length > 0 && TryTakeSlot())
        {
            if (!_queue.TryTake(out var next))
            {
                Release();
                return;
            }

            next.Start(next.Client);
        }
    }
}
