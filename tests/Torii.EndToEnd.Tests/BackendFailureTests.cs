using System.Net;
using System.Net.Sockets;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>Backends that are down, refuse, stall or answer garbage: 503, 504 or 502, and retries on another backend.</summary>
public sealed class BackendFailureTests
{
    [Fact]
    public async Task Refused_connection_is_retried_on_another_backend()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "dead", FreePort.Next()));
        await proxy.Torii.MustAsync(Requests.Backend("app", "first", proxy.First));

        for (var i = 0; i < 4; i++)
        {
            var response = await proxy.GetAsync("app.test");
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("first", response.Header("X-Backend"));
        }
    }

    [Fact]
    public async Task No_reachable_backend_gives_503()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        Assert.Equal(503, (await proxy.GetAsync("app.test")).StatusCode);

        await proxy.Torii.MustAsync(Requests.Backend("app", "dead", FreePort.Next()));
        Assert.Equal(503, (await proxy.GetAsync("app.test")).StatusCode);
    }

    [Fact]
    public async Task Slow_backend_gives_504()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "back_timeout = 1");
        await proxy.RouteAppToFirstAsync();
        var response = await proxy.GetAsync("app.test", "/slow?ms=30000");
        Assert.Equal(504, response.StatusCode);
    }

    [Fact]
    public async Task Garbage_from_a_backend_gives_502()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        using var garbage = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        garbage.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        garbage.Listen();
        var serve = Task.Run(async () =>
        {
            using var connection = await garbage.AcceptAsync();
            var buffer = new byte[4096];
            await connection.ReceiveAsync(buffer);
            await connection.SendAsync(Encoding.ASCII.GetBytes("this is not HTTP\r\n\r\n"));
            connection.Shutdown(SocketShutdown.Both);
        });
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "garbage", ((IPEndPoint)garbage.LocalEndPoint!).Port));

        Assert.Equal(502, (await proxy.GetAsync("app.test")).StatusCode);
        await serve;
    }

    [Fact]
    public async Task A_pooled_connection_that_the_backend_closed_is_replaced_for_a_get_and_for_a_post_with_a_body()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        // Answers the first request of each connection, then closes it: a backend with a short keep-alive timeout.
        using var backend = new ScriptedBackend((connection, request) =>
            new ScriptedReply(ScriptedReply.Ok($"connection {connection}, {ScriptedReply.BodyLengthOf(request)} body bytes").Bytes, Close: true));
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "closing", backend.Port));

        var first = await proxy.GetAsync("app.test");
        Assert.Equal("connection 1, 0 body bytes", first.Body);
        await backend.ClosedAsync(1);

        // A GET may go out on the stale connection: it is sent again on a new one.
        var get = await proxy.GetAsync("app.test");
        Assert.Equal(200, get.StatusCode);
        Assert.Equal("connection 2, 0 body bytes", get.Body);
        await backend.ClosedAsync(2);

        // A POST's body cannot be replayed: the stale connection must be noticed before it is used.
        await using var client = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        var post = await client.SendAsync("POST / HTTP/1.1\r\nHost: app.test\r\nContent-Length: 5\r\n\r\nhello");
        Assert.Equal(200, post.StatusCode);
        Assert.Equal("connection 3, 5 body bytes", post.Body);
    }
}
