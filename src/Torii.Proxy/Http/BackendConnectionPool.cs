using Torii.Proxy.Backends;

namespace Torii.Proxy.Http;

/// <summary>
/// The idle keep-alive connections to one backend. The most recently used is reused first, so
/// under steady load a few connections stay warm and the rest age at the bottom of the stack,
/// where <see cref="CloseIdle"/> closes them once they have been idle for the timeout. The
/// capacity is only a safety cap: the pool keeps as many connections as the load used.
/// </summary>
public sealed class BackendConnectionPool(int capacity, long idleTimeoutMs) : ISweptPool
{
    /// <summary>How far down the stack a connection on the caller's socket loop is looked for.</summary>
    private const int LoopSearchDepth = 8;

    // Oldest first: connections are pushed and popped at the end, so their idle times only grow towards the start.
    private readonly List<BackendConnection> _idle = [];
    private readonly Lock _lock = new();
    private bool _closed;
    private int _count;

    public int IdleCount => Volatile.Read(ref _count);

    /// <summary>
    /// The backend's pool, made on first use; null when the backend keeps no idle connection. A pool made
    /// while the backend was being retired is closed at once: the retirement may have looked before it existed.
    /// </summary>
    public static BackendConnectionPool? Of(Backend backend)
    {
        if (backend.ConnectionPool is BackendConnectionPool existing)
        {
            return existing;
        }

        if (backend.ConnectionPoolOrAdd() is not BackendConnectionPool pool)
        {
            return null;
        }

        if (backend.IsRemoved)
        {
            pool.Clear();
        }

        return pool;
    }

    public bool IsEmpty => IdleCount == 0;

    public long IdleTimeoutMs => idleTimeoutMs;

    /// <summary>
    /// Takes the most recently used idle connection that is still healthy, preferring one on the
    /// calling thread's socket loop: the client's request and the backend's response are then run
    /// by one thread, as HAProxy keeps idle connections per thread. Every connection is checked,
    /// even for a request that could be retried: bytes a backend sent while the connection sat idle
    /// would otherwise be read as the answer to the next request, another client's.
    /// </summary>
    public BackendConnection? TryTake()
    {
        while (true)
        {
            BackendConnection connection;
            lock (_lock)
            {
                if (_idle.Count == 0)
                {
                    return null;
                }

                var index = _idle.Count - 1;
                for (var i = index; i >= Math.Max(0, _idle.Count - LoopSearchDepth); i--)
                {
                    if (_idle[i].IsOnCurrentLoop)
                    {
                        index = i;
                        break;
                    }
                }

                connection = _idle[index];
                _idle.RemoveAt(index);
                _count = _idle.Count;
            }

            connection.IsIdleInPool = false;
            if (Environment.TickCount64 - connection.IdleSinceMs < idleTimeoutMs && connection.LooksHealthy())
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
        bool first;
        lock (_lock)
        {
            first = _idle.Count == 0;
            if (!_closed && _idle.Count < capacity)
            {
                connection.IsIdleInPool = true;
                _idle.Add(connection);
                _count = _idle.Count;
                if (first)
                {
                    IdlePools.Add(this);
                }

                return;
            }
        }

        connection.Dispose();
    }

    /// <summary>Closes the connections idle for longer than the timeout; returns how many.</summary>
    public int CloseIdle(long nowMs)
    {
        if (IdleCount == 0)
        {
            return 0;
        }

        BackendConnection[] expired;
        lock (_lock)
        {
            var stale = 0;
            while (stale < _idle.Count && nowMs - _idle[stale].IdleSinceMs >= idleTimeoutMs)
            {
                stale++;
            }

            expired = [.. _idle.GetRange(0, stale)];
            _idle.RemoveRange(0, stale);
            _count = _idle.Count;
        }

        foreach (var connection in expired)
        {
            connection.Dispose();
        }

        return expired.Length;
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
            _count = 0;
        }

        foreach (var connection in idle)
        {
            connection.Dispose();
        }
    }
}
