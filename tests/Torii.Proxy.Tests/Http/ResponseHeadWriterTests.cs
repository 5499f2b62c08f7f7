using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

public sealed class ResponseHeadWriterTests
{
    private static readonly byte[] RequestId = Bytes.Of("4f1c2a9e0000000000000007");
    private static readonly byte[] RequestIdName = Bytes.Of("Torii-Id");

    [Fact]
    public void Hop_by_hop_headers_are_dropped_and_the_request_id_added()
    {
        const string Response =
            "HTTP/1.1 200 OK\r\n" +
            "Content-Length: 5\r\n" +
            "Connection: keep-alive, X-Hop\r\n" +
            "Keep-Alive: timeout=5\r\n" +
            "X-Hop: 1\r\n" +
            "torii-id: from-backend\r\n" +
            "Server:  demo \r\n" +
            "\r\n";

        string written = Write(Response, Options(close: false, HttpProtocolVersion.Http11));

        Assert.Equal(
            "HTTP/1.1 200 OK\r\n" +
            "Content-Length: 5\r\n" +
            "Server:  demo \r\n" +
            "Torii-Id: 4f1c2a9e0000000000000007\r\n" +
            "\r\n",
            written);
    }

    [Fact]
    public void Status_line_is_kept_but_the_version_becomes_http11()
    {
        string written = Write("HTTP/1.0 404 Gone  Away\r\n\r\n", Options(close: false, HttpProtocolVersion.Http11));

        Assert.StartsWith("HTTP/1.1 404 Gone  Away\r\n", written);
    }

    [Fact]
    public void Status_line_without_reason_is_kept()
    {
        string written = Write("HTTP/1.1 204\r\n\r\n", Options(close: false, HttpProtocolVersion.Http11));

        Assert.Equal("HTTP/1.1 204\r\nTorii-Id: 4f1c2a9e0000000000000007\r\n\r\n", written);
    }

    [Fact]
    public void Closing_the_client_connection_is_announced()
    {
        string written = Write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", Options(close: true, HttpProtocolVersion.Http11));

        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\nTorii-Id: 4f1c2a9e0000000000000007\r\n\r\n", written);
    }

    [Fact]
    public void Http10_client_kept_open_is_told_keep_alive()
    {
        string written = Write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", Options(close: false, HttpProtocolVersion.Http10));

        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\nTorii-Id: 4f1c2a9e0000000000000007\r\n\r\n", written);
    }

    [Fact]
    public void Http10_client_being_closed_is_told_close()
    {
        string written = Write("HTTP/1.1 200 OK\r\n\r\n", Options(close: true, HttpProtocolVersion.Http10));

        Assert.Contains("Connection: close\r\n", written);
        Assert.DoesNotContain("keep-alive", written);
    }

    [Fact]
    public void Switching_protocols_keeps_its_upgrade_headers()
    {
        const string Response =
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
            "\r\n";

        string written = Write(Response, Options(close: false, HttpProtocolVersion.Http11));

        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
            "Connection: upgrade\r\n" +
            "Upgrade: websocket\r\n" +
            "Torii-Id: 4f1c2a9e0000000000000007\r\n" +
            "\r\n",
            written);
    }

    [Fact]
    public void Framing_headers_and_trailer_announcements_are_kept()
    {
        string written = Write(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Checksum\r\n\r\n",
            Options(close: false, HttpProtocolVersion.Http11));

        Assert.StartsWith("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Checksum\r\n", written);
    }

    [Fact]
    public void Sticky_cookie_is_added()
    {
        var options = Options(close: false, HttpProtocolVersion.Http11) with { SetCookie = Bytes.Of("SOZUBALANCEID=b1; Path=/") };

        string written = Write("HTTP/1.1 200 OK\r\nSet-Cookie: app=1\r\n\r\n", options);

        Assert.Equal(
            "HTTP/1.1 200 OK\r\nSet-Cookie: app=1\r\nSet-Cookie: SOZUBALANCEID=b1; Path=/\r\nTorii-Id: 4f1c2a9e0000000000000007\r\n\r\n",
            written);
    }

    private static ResponseWriteOptions Options(bool close, HttpProtocolVersion clientVersion) =>
        new(RequestId, RequestIdName, close, clientVersion);

    private static string Write(string response, in ResponseWriteOptions options)
    {
        using var head = new ResponseHead();
        var buffer = Bytes.Sequence(response);
        Assert.True(ResponseHeadParser.TryParse(ref buffer, head, HttpLimits.Default).IsComplete);
        var output = new ArrayBufferWriter<byte>();
        int written = ResponseHeadWriter.Write(output, head, options);
        Assert.Equal(output.WrittenCount, written);
        return Bytes.Text(output.WrittenSpan);
    }
}
