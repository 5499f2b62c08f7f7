using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>Malformed or dangerous requests get a 4xx and a close, and no other connection is harmed.</summary>
public sealed class MalformedHttpTests
{
    public static TheoryData<string, string, int> BadRequests => new()
    {
        { "garbage request line", "HELLO\r\n\r\n", 400 },
        { "lowercase method", "get / HTTP/1.1\r\nHost: app.test\r\n\r\n", 400 },
        { "unknown version", "GET / HTTP/2.0\r\nHost: app.test\r\n\r\n", 505 },
        { "missing host", "GET / HTTP/1.1\r\n\r\n", 400 },
        { "two hosts", "GET / HTTP/1.1\r\nHost: app.test\r\nHost: other.test\r\n\r\n", 400 },
        { "space before colon", "GET / HTTP/1.1\r\nHost : app.test\r\n\r\n", 400 },
        { "obsolete line folding", "GET / HTTP/1.1\r\nHost: app.test\r\nX-A: 1\r\n  2\r\n\r\n", 400 },
        { "content-length with transfer-encoding", "POST /echo HTTP/1.1\r\nHost: app.test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400 },
        { "differing content-lengths", "POST /echo HTTP/1.1\r\nHost: app.test\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400 },
        { "signed content-length", "POST /echo HTTP/1.1\r\nHost: app.test\r\nContent-Length: +5\r\n\r\nhello", 400 },
        { "unknown transfer coding", "POST /echo HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: gzip\r\n\r\n", 400 },
        { "bad chunk size", "POST /echo HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n", 400 },
        { "oversized chunk size", "POST /echo HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_request_is_refused_and_closed_while_other_connections_carry_on(string shape, string request, int expectedStatus)
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var bystander = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal(200, (await bystander.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);

        await using var attacker = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        var response = await attacker.SendAsync(request);

        Assert.True(response.StatusCode == expectedStatus || (expectedStatus == 400 && response.StatusCode is 400 or 501), $"{shape}: got {response}");
        Assert.True(await attacker.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)), $"{shape}: connection left open");
        Assert.Equal(200, (await bystander.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
    }

    [Fact]
    public async Task Oversized_headers_get_431()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        var response = await connection.SendAsync($"GET / HTTP/1.1\r\nHost: app.test\r\nX-Big: {new string('a', 64 * 1024)}\r\n\r\n");
        Assert.Equal(431, response.StatusCode);
        Assert.True(await connection.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Slow_request_head_gets_408()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("request_timeout = 1");
        await proxy.RouteAppToFirstAsync();
        await using var connection = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        await connection.SendRawAsync("GET / HTTP/1.1\r\nHost: app");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(408, response.StatusCode);
    }
}
