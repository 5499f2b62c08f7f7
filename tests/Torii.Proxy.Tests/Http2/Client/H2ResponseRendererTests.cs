using System.Buffers;
using System.Text;
using Torii.Proxy.Http2.Client;

namespace Torii.Proxy.Tests.Http2.Client;

/// <summary>A backend's HTTP/2 response head and trailers as the HTTP/1.1 text the response path relays.</summary>
public sealed class H2ResponseRendererTests
{
    [Fact]
    public void A_trailers_only_response_keeps_its_status_fields_with_an_empty_body()
    {
        var head = Fields((":status", "200"), ("content-type", "application/grpc"), ("grpc-status", "5"), ("grpc-message", "not found"));
        var shape = H2ResponseRenderer.ShapeFor(head, endedAtHead: true, headRequest: false, clientTakesChunked: true);

        Assert.Equal(H2BodyShape.Empty, shape);
        Assert.Equal(
            "HTTP/1.1 200 OK\r\ncontent-type: application/grpc\r\ngrpc-status: 5\r\ngrpc-message: not found\r\ncontent-length: 0\r\n\r\n",
            RenderHead(head, shape));
    }

    [Fact]
    public void A_body_of_unknown_length_is_chunked_and_trailers_close_it()
    {
        var head = Fields((":status", "200"), ("content-type", "application/grpc"), ("connection", "close"));
        var shape = H2ResponseRenderer.ShapeFor(head, endedAtHead: false, headRequest: false, clientTakesChunked: true);
        Assert.Equal(H2BodyShape.Chunked, shape);
        // A connection field a backend should not have sent does not reach the HTTP/1.1 head.
        Assert.Equal("HTTP/1.1 200 OK\r\ncontent-type: application/grpc\r\ntransfer-encoding: chunked\r\n\r\n", RenderHead(head, shape));

        var output = new ArrayBufferWriter<byte>();
        H2ResponseRenderer.RenderChunkSize(output, 300);
        H2ResponseRenderer.RenderLastChunk(output, Fields(("grpc-status", "0"), ("x-count", "3")));
        Assert.Equal("12c\r\n0\r\ngrpc-status: 0\r\nx-count: 3\r\n\r\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData(200, true, false, false, true, H2BodyShape.AsDeclared)]
    [InlineData(200, false, false, false, false, H2BodyShape.UntilClose)]
    [InlineData(204, false, false, false, true, H2BodyShape.None)]
    [InlineData(304, false, false, false, true, H2BodyShape.None)]
    [InlineData(200, false, false, true, true, H2BodyShape.None)]
    [InlineData(404, false, true, false, true, H2BodyShape.Empty)]
    public void The_framing_follows_the_status_the_method_and_the_client(int status, bool contentLength, bool endedAtHead, bool headRequest, bool chunked, H2BodyShape expected)
    {
        var head = contentLength ? Fields((":status", $"{status}"), ("content-length", "12")) : Fields((":status", $"{status}"));
        Assert.Equal(expected, H2ResponseRenderer.ShapeFor(head, endedAtHead, headRequest, chunked));
    }

    [Fact]
    public void A_second_status_or_a_bad_field_marks_the_block_malformed()
    {
        Assert.True(Fields((":status", "200"), (":status", "204")).IsMalformed);
        Assert.True(Fields((":status", "200"), ("bad name", "x")).IsMalformed);
        Assert.True(Fields((":path", "/")).IsMalformed);
        Assert.False(Fields((":status", "200"), ("x-fine", "y")).IsMalformed);
    }

    private static H2ResponseFields Fields(params (string Name, string Value)[] fields)
    {
        var head = new H2ResponseFields();
        foreach (var (name, value) in fields)
        {
            head.OnHeader(Encoding.ASCII.GetBytes(name), Encoding.ASCII.GetBytes(value));
        }

        return head;
    }

    private static string RenderHead(H2ResponseFields head, H2BodyShape shape)
    {
        var output = new ArrayBufferWriter<byte>();
        H2ResponseRenderer.RenderHead(output, head, shape);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }
}
