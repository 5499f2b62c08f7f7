using System.Buffers;
using System.Text;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Client;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Tests.Http2.Client;

/// <summary>A request head as forwarded to an HTTP/1.1 backend, re-encoded as an HTTP/2 header block.</summary>
public sealed class H2RequestEncoderTests
{
    [Fact]
    public void The_request_line_and_host_become_pseudo_headers_and_connection_fields_are_dropped()
    {
        using var head = Parse("POST /echo.Echo/Unary?x=1 HTTP/1.1\r\nHost: grpc.test:8080\r\nContent-Type: application/grpc\r\n"
            + "Connection: keep-alive, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\nTE: trailers\r\nGrpc-Timeout: 1S\r\n\r\n");

        var fields = Encode(head, H2RequestEncoder.AcceptsTrailers(head));

        Assert.Equal(
            [
                (":method", "POST"), (":scheme", "http"), (":authority", "grpc.test:8080"), (":path", "/echo.Echo/Unary?x=1"),
                ("content-type", "application/grpc"), ("grpc-timeout", "1S"), ("te", "trailers"),
            ],
            fields);
    }

    [Theory]
    [InlineData("TE: gzip", false)]
    [InlineData("TE: gzip, trailers", true)]
    [InlineData("TE: Trailers;q=0.5", true)]
    [InlineData("X-Other: trailers", false)]
    public void Te_trailers_is_kept_only_when_the_client_asked_for_trailers(string field, bool expected)
    {
        using var head = Parse($"GET / HTTP/1.1\r\nHost: a\r\n{field}\r\n\r\n");
        Assert.Equal(expected, H2RequestEncoder.AcceptsTrailers(head));
    }

    [Fact]
    public void An_absolute_form_target_is_sent_as_its_path()
    {
        using var head = Parse("GET http://a.test:81/p/q?r HTTP/1.1\r\nHost: a.test:81\r\n\r\n");
        Assert.Contains((":path", "/p/q?r"), Encode(head, acceptsTrailers: false));
    }

    private static RequestHead Parse(string text)
    {
        var head = new RequestHead();
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        Assert.True(RequestHeadParser.TryParse(ref buffer, head, HttpLimits.Default).IsComplete);
        return head;
    }

    private static List<(string Name, string Value)> Encode(RequestHead head, bool acceptsTrailers)
    {
        var block = new ArrayBufferWriter<byte>();
        H2RequestEncoder.Encode(block, head, acceptsTrailers);
        var list = new HeaderList();
        new HpackDecoder(4096, 65536, 100).Decode(block.WrittenSpan, list);
        return list.Fields;
    }
}
