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
}
