using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

public sealed class ListenerUpdateTests
{
    private const string KeepAliveRequest = "GET /keep HTTP/1.1\r\nHost: app.test\r\n\r\n";

    [Fact]
    public async Task A_front_timeout_update_applies_to_new_connections_and_open_ones_keep_theirs()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "front_timeout = 30");
        await proxy.RouteAppToFirstAsync();
        await using var before = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal(200, (await before.SendAsync(KeepAliveRequest)).StatusCode);

        var updated = await proxy.Torii.CliAsync("listener", "http", "update", "--address", $"127.0.0.1:{proxy.HttpPort}", "--front-timeout", "1");
        Assert.True(updated.ExitCode == 0, updated.ToString());

        await using var after = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal(200, (await after.SendAsync(KeepAliveRequest)).StatusCode);
        Assert.True(await after.IsClosedByPeerAsync(TimeSpan.FromSeconds(15)), "a connection opened after the update is closed after 1 s idle");

        // The new connection was closed after a 1 s idle; the older one, on 30 s, must outlive that by far.
        Assert.False(await before.IsClosedByPeerAsync(TimeSpan.FromSeconds(3)), "the connection opened before the update kept its 30 s front timeout");
        Assert.Equal(200, (await before.SendAsync(KeepAliveRequest)).StatusCode);

        var listed = await proxy.Torii.MustAsync(new Request { ListListeners = new ListListeners() });
        Assert.Equal(1u, listed.Content.ListenersList.HttpListeners[$"127.0.0.1:{proxy.HttpPort}"].FrontTimeout);

        var statePath = Path.Combine(proxy.Torii.Directory, "saved.json");
        await proxy.Torii.MustAsync(new Request { SaveState = statePath });
        var saved = (await File.ReadAllLinesAsync(statePath)).Select(ProtocolJson.ParseRequest).Single(request => request.AddHttpListener is not null);
        Assert.Equal(1u, saved.AddHttpListener.FrontTimeout);
        Assert.Equal(30u, saved.AddHttpListener.BackTimeout);
    }

    [Fact]
    public async Task Bad_updates_fail_and_change_nothing()
    {
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "front_timeout = 30");
        var address = Requests.Loopback(proxy.HttpPort);
        var before = await proxy.Torii.MustAsync(new Request { ListListeners = new ListListeners() });

        var unknown = await proxy.Torii.SendAsync(new Request { UpdateHttpListener = new UpdateHttpListenerConfig { Address = Requests.Loopback(FreePort.Next()), FrontTimeout = 5 } });
        var zero = await proxy.Torii.SendAsync(new Request { UpdateHttpListener = new UpdateHttpListenerConfig { Address = address, FrontTimeout = 5, BackTimeout = 0 } });
        var wrongProtocol = await proxy.Torii.SendAsync(new Request { UpdateTcpListener = new UpdateTcpListenerConfig { Address = address, FrontTimeout = 5 } });
        var badAnswer = await proxy.Torii.SendAsync(new Request { UpdateHttpListener = new UpdateHttpListenerConfig { Address = address, FrontTimeout = 5, Answers = { ["503"] = "not an HTTP response" } } });

        Assert.Equal(ResponseStatus.Failure, unknown.Status);
        Assert.Contains("no Http listener", unknown.Message);
        Assert.Equal(ResponseStatus.Failure, zero.Status);
        Assert.Contains("back_timeout 0", zero.Message);
        Assert.Equal(ResponseStatus.Failure, wrongProtocol.Status);
        Assert.Equal(ResponseStatus.Failure, badAnswer.Status);
        var after = await proxy.Torii.MustAsync(new Request { ListListeners = new ListListeners() });
        Assert.Equal(before.Content.ListenersList, after.Content.ListenersList);
        Assert.Equal(30u, after.Content.ListenersList.HttpListeners[$"127.0.0.1:{proxy.HttpPort}"].FrontTimeout);
    }
}
