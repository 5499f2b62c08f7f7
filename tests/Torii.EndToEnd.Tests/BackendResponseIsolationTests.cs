using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// A backend that sends bytes past the end of a response must never make one client read another's
/// answer: such a connection is closed, never pooled, whatever framed the response.
/// </summary>
public sealed class BackendResponseIsolationTests
{
    private const string Smuggled = "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nSMUGGLED";

    public static TheoryData<string, string, string, int, string> Framings => new()
    {
        { "content-length", "GET /first HTTP/1.1\r\nHost: app.test\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok" },
        { "chunked", "GET /first HTTP/1.1\r\nHost: app.test\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", 200, "ok" },
        { "204 with a body", "GET /first HTTP/1.1\r\nHost: app.test\r\n\r\n", "HTTP/1.1 204 No Content\r\n\r\n", 204, "" },
        { "304 with a length", "GET /first HTTP/1.1\r\nHost: app.test\r\n\r\n", "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n", 304, "" },
        { "HEAD answered with a body", "HEAD /first HTTP/1.1\r\nHost: app.test\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "" },
        { "100 then final", "GET /first HTTP/1.1\r\nHost: app.test\r\n\r\n", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok" },
        { "upgrade refused", "GET /first HTTP/1.1\r\nHost: app.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok" },
    };

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Bytes_after_a_response_never_reach_the_next_client(string framing, string firstRequest, string firstResponse, int firstStatus, string firstBody)
    {
        using var backend = new ScriptedBackend((_, head) =>
            ScriptedReply.PathOf(head) == "/first" ? new ScriptedReply(firstResponse + Smuggled) : ScriptedReply.Ok(ScriptedReply.PathOf(head)));
        await using var proxy = await HttpProxyFixture.StartRoutedToAsync(backend.Port);

        await using (var first = await RawHttpConnection.OpenAsync(proxy.HttpPort))
        {
            await first.SendRawAsync(firstRequest);
            var response = await first.ReadResponseAsync(headRequest: firstRequest.StartsWith("HEAD", StringComparison.Ordinal));
            if (response.StatusCode == 100)
            {
                response = await first.ReadResponseAsync();
            }

            Assert.Equal(firstStatus, response.StatusCode);
            Assert.Equal(firstBody, response.Body);
        }

        await AssertEachClientGetsItsOwnAsync(proxy, framing);
        Assert.Equal(2, backend.ConnectionCount);
    }

    [Fact]
    public async Task Bytes_sent_while_the_connection_is_idle_in_the_pool_close_it()
    {
        using var backend = new ScriptedBackend((_, head) => ScriptedReply.Ok(ScriptedReply.PathOf(head)));
        await using var proxy = await HttpProxyFixture.StartRoutedToAsync(backend.Port);

        Assert.Equal("/a", (await proxy.GetAsync("app.test", "/a")).Body);
        await backend.SendUnsolicitedAsync(1, Smuggled);

        await AssertEachClientGetsItsOwnAsync(proxy, "idle");
        Assert.Equal(2, backend.ConnectionCount);
    }

    [Fact]
    public async Task Concurrent_clients_each_get_exactly_their_own_responses_while_the_backend_smuggles()
    {
        var served = 0;
        using var backend = new ScriptedBackend((_, head) =>
        {
            var reply = ScriptedReply.Ok(ScriptedReply.PathOf(head));
            return Interlocked.Increment(ref served) % 5 == 0 ? reply with { Bytes = reply.Bytes + Smuggled } : reply;
        });
        await using var proxy = await HttpProxyFixture.StartRoutedToAsync(backend.Port);

        var clients = Enumerable.Range(0, 8).Select(async client =>
        {
            await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);
            for (var request = 0; request < 25; request++)
            {
                var path = $"/client{client}/request{request}";
                var response = await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: app.test\r\n\r\n");
                Assert.Equal(200, response.StatusCode);
                Assert.Equal(path, response.Body);
            }
        });
        await Task.WhenAll(clients);

        Assert.Equal(200, backend.Requests.Count);
        Assert.DoesNotContain(backend.Requests, head => head.Contains("SMUGGLED", StringComparison.Ordinal));
    }

    private static async Task AssertEachClientGetsItsOwnAsync(HttpProxyFixture proxy, string label)
    {
        foreach (var path in new[] { "/b", "/c", "/d" })
        {
            var response = await proxy.GetAsync("app.test", path);
            Assert.True(response.StatusCode == 200 && response.Body == path, $"{label}: client asking {path} got {response}");
        }
    }
}
