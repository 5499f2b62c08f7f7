using Torii.Proxy.Backends;
using Torii.Proxy.Http;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http2.Client;

/// <summary>
/// The h2c connections to one backend: a stream goes on the first open connection with room
/// under the backend's SETTINGS_MAX_CONCURRENT_STREAMS; when none has room another connection
/// is opened. Connections that carry no stream for the backend idle timeout are closed.
/// </summary>
public sealed class H2BackendPool(long idleTimeoutMs) : ISweptPool
{
    private readonly Lock _lock = new();
    private readonly List<H2BackendConnection> _connections = [];
    private bool _closed;
    private TaskCompletionSource? _opening;

    public int ConnectionCount
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    public bool IsEmpty => ConnectionCount == 0;

    /// <summary>The backend's pool, made on first use with the HTTP/1.1 pool's idle timeout.</summary>
    public static H2BackendPool For(Backend backend) =>
        (H2BackendPool)backend.Http2PoolOrAdd(static backend => new H2BackendPool(BackendConnectionPool.Of(backend)?.IdleTimeoutMs ?? DefaultIdleTimeoutMs));

    private const long DefaultIdleTimeoutMs = 60_000;

    /// <summary>A stream slot on an open connection with room; null when every connection is full.</summary>
    public H2BackendStream? TryReserveStream()
    {
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                if (connection.TryReserveStream() is { } stream)
                {
                    return stream;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A stream on a connection of the cluster's backend: an open one with room on the balancer's
    /// pick, else a new connection (to another backend when the pick cannot be reached).
    /// </summary>
    public static async ValueTask<H2BackendStream?> OpenStreamAsync(
        ClusterRuntime cluster, Backend? picked, TimeSpan connectTimeout, ProxyMetrics metrics, CancellationToken cancellationToken, ulong key)
    {
        TaskCompletionSource? opening = null;
        if (picked is not null)
        {
            var pool = For(picked);
            while (true)
            {
                if (pool.TryReserveStream() is { } reused)
                {
                    return reused;
                }

                // A burst of requests shares the connection one of them is opening instead of each opening its own.
                var pending = pool.ClaimOpening(out opening);
                if (pending is null)
                {
                    break;
                }

                await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            var connected = await BackendConnector.ConnectAsync(cluster, picked, connectTimeout, metrics, cancellationToken, key).ConfigureAwait(false);
            if (connected is not { } pair)
            {
                return null;
            }

            return await For(pair.Backend).AddAsync(pair.Backend, pair.Socket).ConfigureAwait(false);
        }
        finally
        {
            if (opening is not null)
            {
                For(picked!).EndOpening(opening);
            }
        }
    }

    /// <summary>The connection being opened now, to wait for; or null with <paramref name="claimed"/> set: the caller opens one.</summary>
    private Task? ClaimOpening(out TaskCompletionSource? claimed)
    {
        lock (_lock)
        {
            if (_opening is not null)
            {
                claimed = null;
                return _opening.Task;
            }

            _opening = claimed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return null;
        }
    }

    private void EndOpening(TaskCompletionSource opening)
    {
        lock (_lock)
        {
            if (_opening == opening)
            {
                _opening = null;
            }
        }

        opening.TrySetResult();
    }

    private async ValueTask<H2BackendStream?> AddAsync(Backend backend, Sockets.LoopSocket socket)
    {
        var connection = new H2BackendConnection(backend, socket, Forget);
        H2BackendStream? stream;
        lock (_lock)
        {
            if (_closed || _connections.Count >= H2ClientLimits.MaxConnectionsPerBackend)
            {
                stream = null;
            }
            else
            {
                _connections.Add(connection);
                stream = connection.TryReserveStream();
                IdlePools.Add(this);
            }
        }

        if (stream is null)
        {
            connection.Dispose();
            Log.Warn($"h2c backend {backend}: {H2ClientLimits.MaxConnectionsPerBackend} connections, all full");
            return null;
        }

        try
        {
            await connection.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            connection.Release(stream);
            connection.Dispose();
            return null;
        }

        return stream;
    }

    /// <summary>Closes the connections without a stream for the idle timeout; returns how many.</summary>
    public int CloseIdle(long nowMs)
    {
        H2BackendConnection[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        return connections.Count(connection => connection.CloseIfIdle(nowMs, idleTimeoutMs));
    }

    /// <summary>The backend was removed: idle connections close now, busy ones once their streams end.</summary>
    public void Clear()
    {
        H2BackendConnection[] connections;
        lock (_lock)
        {
            _closed = true;
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            connection.Drain();
        }
    }

    private void Forget(H2BackendConnection connection)
    {
        lock (_lock)
        {
            _connections.Remove(connection);
        }
    }
}
