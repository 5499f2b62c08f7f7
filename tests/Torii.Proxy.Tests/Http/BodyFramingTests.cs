using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

public sealed class BodyFramingTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n", HttpMethodKind.Get, BodyKind.ContentLength, 10)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n", HttpMethodKind.Get, BodyKind.ContentLength, 0)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n", HttpMethodKind.Post, BodyKind.Chunked, 0)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n", HttpMethodKind.Get, BodyKind.UntilClose, 0)]
    [InlineData("HTTP/1.1 200 OK\r\n", HttpMethodKind.Get, BodyKind.UntilClose, 0)]
    [InlineData("HTTP/1.0 200 OK\r\n", HttpMethodKind.Get, BodyKind.UntilClose, 0)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n", HttpMethodKind.Head, BodyKind.None, 0)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n", HttpMethodKind.Head, BodyKind.None, 0)]
    [InlineData("HTTP/1.1 204 No Content\r\n", HttpMethodKind.Delete, BodyKind.None, 0)]
    [InlineData("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n", HttpMethodKind.Get, BodyKind.None, 0)]
    [InlineData("HTTP/1.1 100 Continue\r\n", HttpMethodKind.Put, BodyKind.None, 0)]
    [InlineData("HTTP/1.1 103 Early Hints\r\n", HttpMethodKind.Get, BodyKind.None, 0)]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n", HttpMethodKind.Get, BodyKind.Tunnel, 0)]
    [InlineData("HTTP/1.1 200 Connection Established\r\n", HttpMethodKind.Connect, BodyKind.Tunnel, 0)]
    [InlineData("HTTP/1.1 407 Proxy Auth\r\nContent-Length: 3\r\n", HttpMethodKind.Connect, BodyKind.ContentLength, 3)]
    public void Response_framing_follows_rfc9112(string head, HttpMethodKind method, BodyKind kind, long length)
    {
        using var response = new ResponseHead();
        var buffer = Bytes.Sequence(head + "\r\n");
        Assert.True(ResponseHeadParser.TryParse(ref buffer, response, HttpLimits.Default).IsComplete);

        var framing = BodyFraming.ForResponse(response, method);

        Assert.Equal(new BodyFraming(kind, length), framing);
    }

    [Theory]
    [InlineData("Content-Length: 5\r\n", BodyKind.ContentLength, 5)]
    [InlineData("Transfer-Encoding: chunked\r\n", BodyKind.Chunked, 0)]
    [InlineData("", BodyKind.None, 0)]
    public void Request_framing_follows_rfc9112(string headers, BodyKind kind, long length)
    {
        using var request = RequestParsing.ParseValid($"POST / HTTP/1.1\r\nHost: a\r\n{headers}\r\n");

        Assert.Equal(new BodyFraming(kind, length), BodyFraming.ForRequest(request));
    }
}
