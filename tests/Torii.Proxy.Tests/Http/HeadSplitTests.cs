using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

/// <summary>Heads arriving in pieces, cut at every possible byte boundary.</summary>
public sealed class HeadSplitTests
{
    private const string Request =
        "\r\nPOST /upload?id=7 HTTP/1.1\r\n" +
        "Host: files.example.com\r\n" +
        "Connection: keep-alive, X-Trace\r\n" +
        "X-Trace: abc\r\n" +
        "Content-Length: 11\r\n" +
        "Accept: */*\r\n" +
        "\r\n";

    private const string Response =
        "HTTP/1.1 200 OK\r\n" +
        "Content-Type: text/plain\r\n" +
        "Transfer-Encoding: chunked\r\n" +
        "Connection: X-Hop\r\n" +
        "X-Hop: 1\r\n" +
        "\r\n";

    private const string Next = "hello world";

    [Fact]
    public void Request_split_in_two_at_every_byte_parses_the_same()
    {
        byte[] bytes = Bytes.Of(Request + Next);
        for (int cut = 1; cut < Request.Length; cut++)
        {
            using var head = new RequestHead();
            var first = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.Equal(HeadParseResult.NeedMoreData, RequestHeadParser.TryParse(ref first, head, HttpLimits.Default));

            var whole = Bytes.Split(bytes, cut);
            Assert.Equal(HeadParseResult.Complete, RequestHeadParser.TryParse(ref whole, head, HttpLimits.Default));
            AssertRequest(head, whole);
        }
    }

    [Fact]
    public void Request_arriving_one_byte_at_a_time_parses_the_same()
    {
        byte[] bytes = Bytes.Of(Request + Next);
        var all = Bytes.OneBytePerSegment(bytes);
        using var head = new RequestHead();
        for (int received = 1; received < Request.Length; received++)
        {
            var partial = all.Slice(0, received);
            Assert.Equal(HeadParseResult.NeedMoreData, RequestHeadParser.TryParse(ref partial, head, HttpLimits.Default));
        }

        var complete = all;
        Assert.Equal(HeadParseResult.Complete, RequestHeadParser.TryParse(ref complete, head, HttpLimits.Default));
        AssertRequest(head, complete);
    }

    [Fact]
    public void Bare_line_feed_is_caught_at_every_split()
    {
        byte[] bytes = Bytes.Of("GET / HTTP/1.1\r\nHost: a\nX: 1\r\n\r\n");
        for (int cut = 1; cut < bytes.Length; cut++)
        {
            using var head = new RequestHead();
            var first = new ReadOnlySequence<byte>(bytes, 0, cut);
            var early = RequestHeadParser.TryParse(ref first, head, HttpLimits.Default);

            var whole = Bytes.Split(bytes, cut);
            var result = early.IsError ? early : RequestHeadParser.TryParse(ref whole, head, HttpLimits.Default);

            Assert.Equal(HttpParseError.BareLineFeed, result.Error);
        }
    }

    [Fact]
    public void Response_split_in_two_at_every_byte_parses_the_same()
    {
        byte[] bytes = Bytes.Of(Response + Next);
        for (int cut = 1; cut < Response.Length; cut++)
        {
            using var head = new ResponseHead();
            var first = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.Equal(HeadParseResult.NeedMoreData, ResponseHeadParser.TryParse(ref first, head, HttpLimits.Default));

            var whole = Bytes.Split(bytes, cut);
            Assert.Equal(HeadParseResult.Complete, ResponseHeadParser.TryParse(ref whole, head, HttpLimits.Default));
            AssertResponse(head, whole);
        }
    }

    [Fact]
    public void Response_arriving_one_byte_at_a_time_parses_the_same()
    {
        byte[] bytes = Bytes.Of(Response + Next);
        var all = Bytes.OneBytePerSegment(bytes);
        using var head = new ResponseHead();
        for (int received = 1; received < Response.Length; received++)
        {
            var partial = all.Slice(0, received);
            Assert.Equal(HeadParseResult.NeedMoreData, ResponseHeadParser.TryParse(ref partial, head, HttpLimits.Default));
        }

        var complete = all;
        Assert.Equal(HeadParseResult.Complete, ResponseHeadParser.TryParse(ref complete, head, HttpLimits.Default));
        AssertResponse(head, complete);
    }

    private static void AssertRequest(RequestHead head, ReadOnlySequence<byte> rest)
    {
        Assert.Equal(Request[2..], Bytes.Text(head.RawHead));
        Assert.Equal(HttpMethodKind.Post, head.Method);
        Assert.Equal("/upload", Bytes.Text(head.Path));
        Assert.Equal("files.example.com", Bytes.Text(head.Host));
        Assert.Equal(11, head.ContentLength);
        Assert.Equal(5, head.HeaderCount);
        Assert.True(head.GetHeader(2).IsNamedByConnection);
        Assert.Equal("*/*", Bytes.Text(head.GetHeaderValue(4)));
        Assert.Equal(Next, Bytes.Text(rest.ToArray()));
    }

    private static void AssertResponse(ResponseHead head, ReadOnlySequence<byte> rest)
    {
        Assert.Equal(Response, Bytes.Text(head.RawHead));
        Assert.Equal(200, head.StatusCode);
        Assert.Equal("OK", Bytes.Text(head.Reason));
        Assert.True(head.IsChunked);
        Assert.Equal(4, head.HeaderCount);
        Assert.True(head.GetHeader(3).IsNamedByConnection);
        Assert.Equal(Next, Bytes.Text(rest.ToArray()));
    }
}
