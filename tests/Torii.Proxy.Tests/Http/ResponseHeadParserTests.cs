using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

public sealed class ResponseHeadParserTests
{
    [Fact]
    public void Typical_response_exposes_its_parts()
    {
        using var head = ParseValid("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n", out string rest, "body");

        Assert.Equal(HttpProtocolVersion.Http11, head.Version);
        Assert.Equal(200, head.StatusCode);
        Assert.Equal("OK", Bytes.Text(head.Reason));
        Assert.Equal(12, head.ContentLength);
        Assert.False(head.IsChunked);
        Assert.True(head.KeepAlive);
        Assert.False(head.IsUpgrade);
        Assert.Equal(2, head.HeaderCount);
        Assert.Equal("text/html", Bytes.Text(head.GetHeaderValue(0)));
        Assert.Equal("body", rest);
    }

    [Theory]
    [InlineData("HTTP/1.1 404 Not Found", 404, "Not Found")]
    [InlineData("HTTP/1.1 200 ", 200, "")]
    [InlineData("HTTP/1.1 200", 200, "")]
    [InlineData("HTTP/1.1 599 x\ty", 599, "x\ty")]
    [InlineData("HTTP/1.1 100 Continue", 100, "Continue")]
    [InlineData("HTTP/1.1 200 D\u00e9j\u00e0 vu", 200, "D\u00e9j\u00e0 vu")]
    public void Status_lines_are_read(string statusLine, int status, string reason)
    {
        using var head = ParseValid(statusLine + "\r\n\r\n", out _);

        Assert.Equal(status, head.StatusCode);
        Assert.Equal(reason, Bytes.Text(head.Reason));
    }

    [Theory]
    [InlineData("HTTP/1.1", "", true)]
    [InlineData("HTTP/1.1", "Connection: close\r\n", false)]
    [InlineData("HTTP/1.0", "", false)]
    [InlineData("HTTP/1.0", "Connection: Keep-Alive\r\n", true)]
    public void Keep_alive_follows_version_and_connection(string version, string headers, bool keepAlive)
    {
        using var head = ParseValid($"{version} 200 OK\r\nContent-Length: 0\r\n{headers}\r\n", out _);

        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Theory]
    [InlineData("chunked", true)]
    [InlineData("gzip, chunked", true)]
    [InlineData("chunked, gzip", false)]
    [InlineData("gzip", false)]
    public void Responses_may_use_any_coding_and_are_chunked_only_when_it_is_last(string codings, bool chunked)
    {
        using var head = ParseValid($"HTTP/1.1 200 OK\r\nTransfer-Encoding: {codings}\r\n\r\n", out _);

        Assert.Equal(chunked, head.IsChunked);
        Assert.True(head.HasTransferEncoding);
    }

    [Fact]
    public void Switching_protocols_is_an_upgrade()
    {
        using var head = ParseValid("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n", out _);

        Assert.True(head.IsUpgrade);
    }

    public static TheoryData<string, HttpParseError> Rejections => new()
    {
        { "HTTP/1.1 20 OK\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/1.1 2000 OK\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/1.1 099 Low\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/1.1 600 High\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/1.1 2x0 OK\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/1.1  200 OK\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/1.1\r\n", HttpParseError.InvalidStatusLine },
        { "ICY 200 OK\r\n", HttpParseError.InvalidStatusLine },
        { "http/1.1 200 OK\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/2.0 200 OK\r\n", HttpParseError.UnsupportedVersion },
        { "HTTP/1.1 200 O\u0001K\r\n", HttpParseError.InvalidStatusLine },
        { "\r\nHTTP/1.1 200 OK\r\n", HttpParseError.InvalidStatusLine },
        { "HTTP/1.1 200 OK\n", HttpParseError.BareLineFeed },
        { "HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n", HttpParseError.ObsoleteLineFolding },
        { "HTTP/1.1 200 OK\r\nBad Name: 1\r\n", HttpParseError.InvalidHeaderName },
        { "HTTP/1.1 200 OK\r\nA: \u0000\r\n", HttpParseError.InvalidHeaderValue },
        { "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n", HttpParseError.InvalidContentLength },
        { "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n", HttpParseError.ConflictingContentLength },
        { "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n", HttpParseError.TransferEncodingWithContentLength },
        { "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n", HttpParseError.TransferEncodingInHttp10 },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n", HttpParseError.ChunkedAppliedTwice },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: g zip\r\n", HttpParseError.InvalidTransferEncoding },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Invalid_responses_are_rejected(string head, HttpParseError error)
    {
        using var parsed = new ResponseHead();
        var buffer = Bytes.Sequence(head + "\r\n");

        var result = ResponseHeadParser.TryParse(ref buffer, parsed, HttpLimits.Default);

        Assert.Equal(HeadParseResult.Failed(error), result);
    }

    [Fact]
    public void Fresh_head_reads_as_empty()
    {
        using var head = new ResponseHead();

        Assert.Equal(0, head.StatusCode);
        Assert.True(head.Reason.IsEmpty);
        Assert.True(head.RawHead.IsEmpty);
        Assert.Equal(0, head.HeaderCount);
    }

    [Fact]
    public void Oversized_response_head_is_rejected()
    {
        var limits = new HttpLimits { MaxHeadSize = 128 };
        using var head = new ResponseHead();
        var buffer = Bytes.Sequence("HTTP/1.1 200 OK\r\nX-Pad: " + new string('p', 200));

        var result = ResponseHeadParser.TryParse(ref buffer, head, limits);

        Assert.Equal(HttpParseError.HeadTooLarge, result.Error);
    }

    private static ResponseHead ParseValid(string text, out string rest, string after = "")
    {
        var head = new ResponseHead();
        var buffer = Bytes.Sequence(text + after);
        var result = ResponseHeadParser.TryParse(ref buffer, head, HttpLimits.Default);
        Assert.Equal(HeadParseResult.Complete, result);
        rest = Bytes.Text(buffer.ToArray());
        return head;
    }
}
