using System.Net.Sockets;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;

namespace Torii.Proxy.Connections;

/// <summary>
/// Client connections accepted while the proxy is at max_connections (Sōzu's accept queue): each is
/// held as a bare socket, not read and given no buffer, until a connection slot frees or it has
/// waited accept_queue_timeout, when it is closed. Oldest first.
/// </summary>
public sealed class AcceptQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<QueuedConnection> _waiting = new();
    private readonly TimeSpan _timeout;
    private readonly ProxyMetrics? _metrics;
    private readonly Timer _expiry;
    private int _length;

    public AcceptQueue(TimeSpan timeout, ProxyMetrics? metrics = null)
    {
        _timeout = timeout;
        _metrics = metrics;
        _expiry = new Timer(static state => ((AcceptQueue)state!).CloseExpired(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Connections now waiting.</summary>
    public int Length => Volatile.Read(ref _length);

    /// <summary>Whether connections may wait at all: a zero accept_queue_timeout closes them at once.</summary>
    public bool Enabled => _timeout > TimeSpan.Zero;

    /// <summary>Queues an accepted connection; <paramref name="start"/> runs it once it is given a slot.</summary>
    public void Add(Socket client, Action<Socket> start)
    {
        var deadline = Environment.TickCount64 + (long)_timeout.TotalMilliseconds;
        lock (_lock)
        {
            _waiting.Enqueue(new QueuedConnection(client, deadline, start));
            Interlocked.Increment(ref _length);
            _metrics?.AcceptQueueChanged(1);
            if (_waiting.Count == 1)
            {
                _expiry.Change(_timeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The oldest connection that has not waited too long; the expired ones met on the way are closed.</summary>
    public bool TryTake(out QueuedConnection next)
    {
        var now = Environment.TickCount64;
        lock (_lock)
        {
            while (_waiting.TryDequeue(out next))
            {
                Interlocked.Decrement(ref _length);
                _metrics?.AcceptQueueChanged(-1);
                if (next.DeadlineMs > now)
                {
                    return true;
                }

                Expire(next);
            }

            return false;
        }
    }

    /// <summary>Closes every waiting connection (the proxy is stopping).</summary>
    public void CloseAll()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var waiting))
            {
                Interlocked.Decrement(ref _length);
                _metrics?.AcceptQueueChanged(-1);
                waiting.Client.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _expiry.Dispose();
        CloseAll();
    }

    private void CloseExpired()
    {
        var now = Environment.TickCount64;
        lock (_lock)
        {
            while (_waiting.TryPeek(out var oldest) && oldest.DeadlineMs <= now)
            {
                _waiting.Dequeue();
                Interlocked.Decrement(ref _length);
                _metrics?.AcceptQueueChanged(-1);
                Expire(oldest);
            }

            // Every connection waits the same time, so the oldest one expires next.
            if (_waiting.TryPeek(out var next))
            {
                _expiry.Change(TimeSpan.FromMilliseconds(Math.Max(1, next.DeadlineMs - now)), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Expire(QueuedConnection connection)
    {
        _metrics?.RecordAcceptQueueTimeout();
        if (Log.IsEnabled(LogLevel.Warn))
        {
            Log.Warn($"max_connections reached and no connection closed within accept_queue_timeout: closing {Describe(connection.Client)}");
        }

        connection.Client.Dispose();
    }

    private static string Describe(Socket client)
    {
        try
        {
            return client.RemoteEndPoint?.ToString() ?? "a client";
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return "a client";
        }
    }
}
