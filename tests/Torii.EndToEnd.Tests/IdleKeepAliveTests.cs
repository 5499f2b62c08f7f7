using System.Diagnostics;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// A keep-alive connection whose client has sent nothing more after a response waits for its next
/// request on its socket alone (no read of the pipe, no buffer): it must resume whole on the next
/// request, close at its front timeout, and close when the proxy stops, as any connection.
/// </summary>
public sealed class IdleKeepAliveTests
{
    // How long a client stays silent between requests: far longer than a response takes on loopback,
    // so the connection is waiting for its next request, not reading one.
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_idle_connection_serves_every_next_request_whole()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal("first /a", (await connection.SendAsync("GET /a HTTP/1.1\r\nHost: app.test\r\n\r\n")).Body);

        await Task.Delay(Silence);
        await connection.SendRawAsync("GET /b HTTP/1.1\r\nHo");
        await Task.Delay(Silence);
        await connection.SendRawAsync("st: app.test\r\n\r\n");
        Assert.Equal("first /b", (await connection.ReadResponseAsync()).Body);

        await Task.Delay(Silence);
        var echoed = await connection.SendAsync("POST /echo HTTP/1.1\r\nHost: app.test\r\nContent-Length: 5\r\n\r\nhello");
        Assert.Equal(200, echoed.StatusCode);
        Assert.Equal("hello", echoed.Body);

        // Two requests in one write: the second is already in hand when the first is answered.
        await Task.Delay(Silence);
        await connection.SendRawAsync("GET /c HTTP/1.1\r\nHost: app.test\r\n\r\nGET /d HTTP/1.1\r\nHost: app.test\r\n\r\n");
        Assert.Equal("first /c", (await connection.ReadResponseAsync()).Body);
        Assert.Equal("first /d", (await connection.ReadResponseAsync()).Body);

        await Task.Delay(Silence);
        Assert.Equal("first /e", (await connection.SendAsync("GET /e HTTP/1.1\r\nHost: app.test\r\n\r\n")).Body);
        Assert.False(await connection.IsClosedByPeerAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task An_idle_connection_closes_at_its_front_timeout_and_each_request_restarts_it()
    {
        // A 3 s timeout against 400 ms between requests: a loaded machine may stall either process for
        // well over a second without the chatty connection ever being idle for its whole timeout.
        await using var proxy = await HttpProxyFixture.StartAsync(listenerConfig: "front_timeout = 3");
        await proxy.RouteAppToFirstAsync();
        await using var silent = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        await using var chatty = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal(200, (await silent.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
        var idleSince = Stopwatch.StartNew();

        // Every 400 ms for 3.6 s: never idle for its whole 3 s timeout, so never closed.
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(200, (await chatty.SendAsync($"GET /{i} HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
            await Task.Delay(TimeSpan.FromMilliseconds(400));
            if (i == 3 && idleSince.Elapsed < TimeSpan.FromSeconds(2.7))
            {
                Assert.False(await silent.IsClosedByPeerAsync(TimeSpan.FromMilliseconds(50)), $"the silent connection is closed after {idleSince.Elapsed}, before its 3 s front timeout");
            }
        }

        Assert.True(await silent.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)), "the silent connection is closed at its front timeout");
        Assert.Equal("first /again", (await chatty.SendAsync("GET /again HTTP/1.1\r\nHost: app.test\r\n\r\n")).Body);
    }

    [Fact]
    public async Task A_soft_stop_closes_idle_connections_answers_one_that_speaks_and_exits()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        var idle = new List<RawHttpConnection>();
        for (var i = 0; i < 20; i++)
        {
            var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);
            idle.Add(connection);
            Assert.Equal(200, (await connection.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
        }

        try
        {
            var stop = await proxy.Torii.CliAsync("shutdown");
            Assert.True(stop.ExitCode == 0, stop.ToString());

            // A request already on its way when the proxy stops still gets its answer.
            Assert.Equal("first /late", (await idle[0].SendAsync("GET /late HTTP/1.1\r\nHost: app.test\r\n\r\n")).Body);
            foreach (var connection in idle)
            {
                Assert.True(await connection.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)), "an idle connection is closed by the stop");
            }

            Assert.Equal(0, await proxy.Torii.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            foreach (var connection in idle)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
