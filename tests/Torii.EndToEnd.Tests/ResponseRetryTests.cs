using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// A request is sent again only when a reused connection gave back nothing at all (the stale
/// keep-alive case); once the backend answered anything, even garbage, the client gets 502 and the
/// backend never sees the request twice.
/// </summary>
public sealed class ResponseRetryTests
{
    public static TheoryData<string, string> MalformedResponses => new()
    {
        { "two Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc" },
        { "garbage", "this is not HTTP\r\n\r\n" },
        { "unsolicited 101", "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n" },
        { "a head cut short", "HTTP/1.1 200 OK\r\nContent-Le" },
    };

    [Theory]
    [MemberData(nameof(MalformedResponses))]
    public async Task A_malformed_response_on_a_pooled_connection_gives_502_without_a_second_send(string label, string malformed)
    {
        using var backend = new ScriptedBackend((connection, head) => ScriptedReply.PathOf(head) switch
        {
            "/second" when connection == 1 => new ScriptedReply(malformed, Close: true),
            var path => ScriptedReply.Ok(path),
        });
        await using var proxy = await HttpProxyFixture.StartRoutedToAsync(backend.Port);

        Assert.Equal("/first", (await proxy.GetAsync("app.test", "/first")).Body);
        var second = await proxy.GetAsync("app.test", "/second");

        Assert.True(second.StatusCode == 502, $"{label}: {second}");
        Assert.Equal(["/first", "/second"], backend.Requests.Select(ScriptedReply.PathOf));
        Assert.Equal(1, backend.ConnectionCount);
    }

    [Fact]
    public async Task A_pooled_connection_closed_with_nothing_sent_back_is_retried_once_on_a_new_connection()
    {
        using var backend = new ScriptedBackend((connection, head) => ScriptedReply.PathOf(head) switch
        {
            "/second" when connection == 1 => new ScriptedReply(string.Empty, Close: true),
            var path => ScriptedReply.Ok($"{path} on connection {connection}"),
        });
        await using var proxy = await HttpProxyFixture.StartRoutedToAsync(backend.Port);

        Assert.Equal("/first on connection 1", (await proxy.GetAsync("app.test", "/first")).Body);
        var second = await proxy.GetAsync("app.test", "/second");

        Assert.Equal(200, second.StatusCode);
        Assert.Equal("/second on connection 2", second.Body);
        Assert.Equal(["/first", "/second", "/second"], backend.Requests.Select(ScriptedReply.PathOf));
    }

    [Fact]
    public async Task A_post_is_never_retried_even_when_nothing_came_back()
    {
        using var backend = new ScriptedBackend((connection, head) => ScriptedReply.PathOf(head) switch
        {
            "/second" when connection == 1 => new ScriptedReply(string.Empty, Close: true),
            var path => ScriptedReply.Ok(path),
        });
        await using var proxy = await HttpProxyFixture.StartRoutedToAsync(backend.Port);

        Assert.Equal("/first", (await proxy.GetAsync("app.test", "/first")).Body);
        await using var client = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        var post = await client.SendAsync("POST /second HTTP/1.1\r\nHost: app.test\r\nContent-Length: 5\r\n\r\nhello");

        Assert.Equal(502, post.StatusCode);
        Assert.Equal(["/first", "/second"], backend.Requests.Select(ScriptedReply.PathOf));
    }
}
