namespace Torii.Proxy.Http;

/// <summary>A bounded stack of idle keep-alive connections to one backend; the most recently used is reused first.</summary>
public sealed class BackendConnectionPool(int capacity)
{
    private static readonly long MaxIdleMs = 60_000;

    private readonly Stack<BackendConnection> _idle = new();
    private readonly Lock _lock = new();
    private bool _closed;

    public int IdleCount
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// Takes the most recently used idle connection that is still healthy. Every connection is
    /// polled, even for a request that could be retried: bytes a backend sent while the connection
    /// sat idle would otherwise be read as the answer to the next request, another client's.
    /// </summary>
    public BackendConnection? TryTake()
    {
        while (true)
        {
            BackendConnection? connection;
            lock (_lock)
            {
                if (!_idle.TryPop(out connection))
                {
                    return null;
                }
            }

            connection.IsIdleInPool = false;
            if (Environment.TickCount64 - connection.IdleSinceMs < MaxIdleMs && connection.LooksHealthy())
            {
                return connection;
            }

            connection.Dispose();
        }
    }

    /// <summary>Keeps the connection for a later request, or closes it when the pool is full or retired.</summary>
    public void Return(BackendConnection connection)
    {
        connection.IdleSinceMs = Environment.TickCount64;
        lock (_lock)
        {
            if (!_closed && _idle.Count < capacity)
            {
                connection.IsIdleInPool = true;
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    /// <summary>Closes every idle connection and refuses new ones: the backend was removed.</summary>
    public void Clear()
    {
        BackendConnection[] idle;
        lock (_lock)
        {
            _closed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            connection.Dispose();
        }
    }
}
