using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

public sealed class TcpAndWebSocketTests
{
    [Fact]
    public async Task Tcp_listener_splices_bytes_to_a_backend_both_ways()
    {
        using var echo = new TcpEchoServer("echo");
        var tcpPort = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync("");
        await torii.MustAsync(Requests.TcpListener(tcpPort));
        await torii.MustAsync(Requests.Cluster("db"));
        await torii.MustAsync(Requests.TcpFrontend("db", tcpPort));
        await torii.MustAsync(Requests.Backend("db", "echo", echo.Port));

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, tcpPort));
        await client.SendAsync(Encoding.ASCII.GetBytes("ping"));
        var buffer = new byte[100];
        var read = await client.ReceiveAsync(buffer);
        Assert.Equal("echo:ping", Encoding.ASCII.GetString(buffer, 0, read));

        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await client.ReceiveAsync(buffer));
    }

    [Fact]
    public async Task WebSocket_upgrade_becomes_a_tunnel()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("ws"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("ws", proxy.HttpPort, "127.0.0.1"));
        await proxy.Torii.MustAsync(Requests.Backend("ws", "first", proxy.First));

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{proxy.HttpPort}/ws"), CancellationToken.None);
        var buffer = new byte[1024];
        foreach (var message in new[] { "one", "two" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            Assert.Equal($"first:{message}", Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }
}
