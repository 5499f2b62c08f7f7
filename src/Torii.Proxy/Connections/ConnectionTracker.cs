namespace Torii.Proxy.Connections;

/// <summary>Counts client connections against max_connections and lets a soft stop wait for the last one.</summary>
public sealed class ConnectionTracker(int maxConnections)
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private volatile bool _draining;

    public int Active => Volatile.Read(ref _active);

    public bool TryEnter()
    {
        if (_draining)
        {
            return false;
        }

        if (Interlocked.Increment(ref _active) > maxConnections)
        {
            Exit();
            return false;
        }

        return true;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _active) == 0 && _draining)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Refuses new connections and completes when the open ones have finished.</summary>
    public Task DrainAsync()
    {
        _draining = true;
        if (Active == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }
}
