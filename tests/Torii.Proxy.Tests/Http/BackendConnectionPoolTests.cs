using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Sockets;
using Torii.Proxy.Backends;
using Torii.Proxy.Http;

namespace Torii.Proxy.Tests.Http;

/// <summary>The idle pool keeps what the load used, ages connections out, and never hands out one the backend wrote on.</summary>
public sealed class BackendConnectionPoolTests : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Backend _backend;
    private readonly List<Socket> _backendSides = [];

    public BackendConnectionPoolTests()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        _backend = new Backend("app", "b", (IPEndPoint)_listener.LocalEndPoint!);
    }

    [Fact]
    public void Keeps_every_connection_the_load_used_up_to_the_safety_cap()
    {
        var pool = new BackendConnectionPool(capacity: 150, idleTimeoutMs: 30_000);
        var connections = Enumerable.Range(0, 200).Select(_ => Connect()).ToList();

        connections.ForEach(pool.Return);

        Assert.Equal(150, pool.IdleCount);
        Assert.Equal(150, _backend.ActiveConnections);
    }

    [Fact]
    public void The_sweep_finds_a_pool_once_it_keeps_a_connection_and_closes_what_aged_out()
    {
        var pool = new BackendConnectionPool(capacity: 10, idleTimeoutMs: 10_000);
        var old = Connect();
        pool.Return(old);
        old.IdleSinceMs -= 20_000;

        // No snapshot, no backend walk: the pool registered itself when it kept its first connection.
        IdlePools.Sweep(Environment.TickCount64);

        Assert.Equal(0, pool.IdleCount);
        Assert.Equal(0, _backend.ActiveConnections);

        var fresh = Connect();
        pool.Return(fresh);
        fresh.IdleSinceMs -= 20_000;
        IdlePools.Sweep(Environment.TickCount64);
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public void Reuses_the_most_recent_connection_and_closes_those_idle_past_the_timeout()
    {
        var pool = new BackendConnectionPool(capacity: 10, idleTimeoutMs: 10_000);
        var old = Connect();
        var recent = Connect();
        pool.Return(old);
        pool.Return(recent);
        old.IdleSinceMs -= 20_000;

        Assert.Equal(1, pool.CloseIdle(Environment.TickCount64));

        Assert.Equal(1, pool.IdleCount);
        Assert.Same(recent, pool.TryTake());
        Assert.Null(pool.TryTake());
        Assert.Equal(1, _backend.ActiveConnections);
    }

    [Fact]
    public void A_connection_the_backend_wrote_on_while_idle_is_closed_not_handed_out()
    {
        var pool = new BackendConnectionPool(capacity: 10, idleTimeoutMs: 30_000);
        var connection = Connect();
        pool.Return(connection);

        _backendSides[^1].Send("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nSMUGGLED"u8);

        Assert.Null(pool.TryTake());
        Assert.Equal(0, _backend.ActiveConnections);
    }

    [Fact]
    public void A_connection_the_backend_closed_while_idle_is_not_handed_out()
    {
        var pool = new BackendConnectionPool(capacity: 10, idleTimeoutMs: 30_000);
        pool.Return(Connect());

        _backendSides[^1].Shutdown(SocketShutdown.Both);

        Assert.Null(pool.TryTake());
    }

    [Fact]
    public void A_backend_has_no_pool_until_a_connection_is_returned_and_then_keeps_one()
    {
        var made = 0;
        var backend = new Backend("app", "lazy", (IPEndPoint)_listener.LocalEndPoint!)
        {
            ConnectionPoolFactory = _ => { made++; return new BackendConnectionPool(capacity: 10, idleTimeoutMs: 30_000); },
        };
        Assert.Null(backend.ConnectionPool);
        Assert.Null(BackendConnectionPool.Of(new Backend("app", "none", (IPEndPoint)_listener.LocalEndPoint!)));

        var pool = BackendConnectionPool.Of(backend);

        Assert.NotNull(pool);
        Assert.Same(pool, backend.ConnectionPool);
        Assert.Same(pool, BackendConnectionPool.Of(backend));
        Assert.Equal(1, made);
    }

    [Fact]
    public void A_pool_made_for_a_retired_backend_closes_what_is_returned_to_it()
    {
        // The retirement found no pool to clear: a connection finishing afterwards must not stay idle forever.
        var backend = new Backend("app", "gone", (IPEndPoint)_listener.LocalEndPoint!)
        {
            ConnectionPoolFactory = _ => new BackendConnectionPool(capacity: 10, idleTimeoutMs: 30_000),
        };
        var connection = Connect(backend);
        backend.Retire();

        BackendConnectionPool.Of(backend)!.Return(connection);

        Assert.Equal(0, BackendConnectionPool.Of(backend)!.IdleCount);
        Assert.Equal(0, backend.ActiveConnections);
    }

    public void Dispose()
    {
        _backendSides.ForEach(socket => socket.Dispose());
        _listener.Dispose();
    }

    private BackendConnection Connect(Backend? backend = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(_listener.LocalEndPoint!);
        _backendSides.Add(_listener.Accept());
        return new BackendConnection(backend ?? _backend, LoopSocket.Of(socket));
    }
}
