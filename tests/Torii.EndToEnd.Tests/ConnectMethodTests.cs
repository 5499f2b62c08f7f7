using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>Torii does not tunnel: CONNECT is answered 501 and closed, and never reaches a backend.</summary>
public sealed class ConnectMethodTests
{
    [Fact]
    public async Task Connect_is_answered_501_with_close_and_nothing_reaches_the_backend()
    {
        using var backend = new ScriptedBackend((_, head) => ScriptedReply.Ok(ScriptedReply.PathOf(head)));
        await using var proxy = await HttpProxyFixture.StartRoutedToAsync(backend.Port);
        await using var client = await RawHttpConnection.OpenAsync(proxy.HttpPort);

        var response = await client.SendAsync(
            "CONNECT app.test:443 HTTP/1.1\r\nHost: app.test:443\r\n\r\nGET /pipelined HTTP/1.1\r\nHost: app.test\r\n\r\n");

        Assert.Equal(501, response.StatusCode);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(await client.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)));

        // The route works, so the backend's silence is the proxy's refusal, not a missing route.
        Assert.Equal("/after", (await proxy.GetAsync("app.test", "/after")).Body);
        Assert.Equal(["/after"], backend.Requests.Select(ScriptedReply.PathOf));
        Assert.DoesNotContain("CONNECT", backend.Received, StringComparison.Ordinal);
    }
}
