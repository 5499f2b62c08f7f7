using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

public sealed class ChunkedBodyScannerTests
{
    private const string Body =
        "5\r\nhello\r\n" +
        "1A;name=value;quoted=\"a b\"\r\nabcdefghijklmnopqrstuvwxyz\r\n" +
        "3 ;ext\r\n\r\n\n\r\n" +
        "0\r\n" +
        "Checksum: abc\r\n" +
        "X-Done:\r\n" +
        "\r\n";

    private const string Next = "GET / HTTP/1.1\r\n";

    [Fact]
    public void Whole_body_is_counted_up_to_the_end_of_the_trailer_section()
    {
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);

        var result = scanner.Scan(Bytes.Sequence(Body + Next), out long bodyBytes);

        Assert.Equal(ChunkedScanResult.Complete, result);
        Assert.Equal(Body.Length, bodyBytes);
        Assert.True(scanner.IsComplete);
    }

    [Fact]
    public void Body_split_in_two_at_every_byte_is_counted_the_same()
    {
        byte[] bytes = Bytes.Of(Body + Next);
        for (int cut = 1; cut < Body.Length; cut++)
        {
            var scanner = new ChunkedBodyScanner(HttpLimits.Default);

            var first = scanner.Scan(new ReadOnlySequence<byte>(bytes, 0, cut), out long firstBytes);
            var second = scanner.Scan(new ReadOnlySequence<byte>(bytes, cut, bytes.Length - cut), out long secondBytes);

            Assert.Equal(ChunkedScanResult.NeedMoreData, first);
            Assert.Equal(cut, firstBytes);
            Assert.Equal(ChunkedScanResult.Complete, second);
            Assert.Equal(Body.Length - cut, secondBytes);
        }
    }

    [Fact]
    public void Body_fed_one_byte_at_a_time_completes_on_its_last_byte()
    {
        byte[] bytes = Bytes.Of(Body);
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);
        for (int index = 0; index < bytes.Length - 1; index++)
        {
            Assert.Equal(ChunkedScanResult.NeedMoreData, scanner.Scan(bytes.AsSpan(index, 1), out int consumed));
            Assert.Equal(1, consumed);
        }

        Assert.Equal(ChunkedScanResult.Complete, scanner.Scan(bytes.AsSpan(^1..), out int last));
        Assert.Equal(1, last);
    }

    [Fact]
    public void Multi_segment_input_with_a_boundary_at_every_byte_is_counted_the_same()
    {
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);

        var result = scanner.Scan(Bytes.OneBytePerSegment(Bytes.Of(Body + Next)), out long bodyBytes);

        Assert.Equal(ChunkedScanResult.Complete, result);
        Assert.Equal(Body.Length, bodyBytes);
    }

    [Fact]
    public void Chunk_data_is_never_interpreted()
    {
        string data = "0\r\n\r\n" + new string('x', 4091);
        string body = "1000\r\n" + data + "\r\n0\r\n\r\n";
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);

        var result = scanner.Scan(Bytes.Sequence(body), out long bodyBytes);

        Assert.Equal(ChunkedScanResult.Complete, result);
        Assert.Equal(body.Length, bodyBytes);
    }

    [Fact]
    public void Largest_chunk_size_is_accepted_and_streamed()
    {
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);

        var head = scanner.Scan(Bytes.Sequence("7fffffffffffffff\r\n"), out long headBytes);
        var data = scanner.Scan(new byte[100_000], out int dataBytes);

        Assert.Equal(ChunkedScanResult.NeedMoreData, head);
        Assert.Equal(18, headBytes);
        Assert.Equal(ChunkedScanResult.NeedMoreData, data);
        Assert.Equal(100_000, dataBytes);
    }

    [Fact]
    public void Reset_allows_the_next_body()
    {
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);
        Assert.Equal(ChunkedScanResult.Error, scanner.Scan(Bytes.Sequence("zz\r\n"), out _));

        scanner.Reset();

        Assert.Equal(ChunkedScanResult.Complete, scanner.Scan(Bytes.Sequence("0\r\n\r\n"), out long bodyBytes));
        Assert.Equal(5, bodyBytes);
        Assert.Equal(HttpParseError.None, scanner.Error);
    }

    public static TheoryData<string, string, HttpParseError> Rejections => new()
    {
        { "non-hex size", "5\r\nhello\r\nzz\r\n", HttpParseError.InvalidChunkSize },
        { "empty size", "\r\n", HttpParseError.InvalidChunkSize },
        { "negative size", "-5\r\n", HttpParseError.InvalidChunkSize },
        { "0x prefix", "0x5\r\n", HttpParseError.InvalidChunkSize },
        { "whitespace before size", " 5\r\n", HttpParseError.InvalidChunkSize },
        { "whitespace after size without extension", "5 \r\n", HttpParseError.InvalidChunkSize },
        { "bare CR after size", "5\rx", HttpParseError.InvalidChunkSize },
        { "17 hex digits", "00000000000000005\r\n", HttpParseError.ChunkSizeTooLarge },
        { "size over long.MaxValue", "8000000000000000\r\n", HttpParseError.ChunkSizeTooLarge },
        { "size far over 64 bits", "fffffffffffffffff\r\n", HttpParseError.ChunkSizeTooLarge },
        { "data longer than size", "5\r\nhelloX\r\n", HttpParseError.MissingChunkDataTerminator },
        { "CR without LF after data", "5\r\nhello\rX", HttpParseError.MissingChunkDataTerminator },
        { "bare LF after data", "5\r\nhello\n", HttpParseError.BareLineFeed },
        { "bare LF after size", "5\nhello\r\n", HttpParseError.BareLineFeed },
        { "bare LF after extension", "5;a=b\nhello\r\n", HttpParseError.BareLineFeed },
        { "bare LF without size", "\n", HttpParseError.BareLineFeed },
        { "control char in extension", "5;a\u0001\r\n", HttpParseError.InvalidChunkExtension },
        { "extension over the limit", "5;" + new string('e', 257) + "\r\n", HttpParseError.ChunkExtensionTooLarge },
        { "bare LF in trailer", "0\r\nA: b\n", HttpParseError.BareLineFeed },
        { "bare LF ending trailers", "0\r\n\n", HttpParseError.BareLineFeed },
        { "folded trailer", "0\r\nA: b\r\n c\r\n\r\n", HttpParseError.InvalidTrailer },
        { "trailer name with space", "0\r\nBad Name: x\r\n\r\n", HttpParseError.InvalidTrailer },
        { "trailer without colon", "0\r\nNoColon\r\n\r\n", HttpParseError.InvalidTrailer },
        { "control char in trailer value", "0\r\nA: \u0000\r\n\r\n", HttpParseError.InvalidTrailer },
        { "CR without LF ending trailers", "0\r\n\rX", HttpParseError.InvalidTrailer },
        { "trailers over the limit", "0\r\nA: " + new string('v', 8 * 1024) + "\r\n\r\n", HttpParseError.TrailerTooLarge },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Malformed_bodies_are_rejected_at_the_offending_byte(string reason, string body, HttpParseError error)
    {
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);

        var result = scanner.Scan(Bytes.Sequence(body), out long bodyBytes);

        Assert.True(result == ChunkedScanResult.Error, reason);
        Assert.Equal(error, scanner.Error);
        Assert.InRange(bodyBytes, 0, body.Length - 1);
        Assert.Equal(ChunkedScanResult.Error, scanner.Scan(Bytes.Sequence("0\r\n\r\n"), out long after));
        Assert.Equal(0, after);
    }

    [Fact]
    public void Error_reports_the_bytes_before_the_offending_one()
    {
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);

        scanner.Scan(Bytes.Sequence("5\r\nhello\r\nzz"), out long bodyBytes);

        Assert.Equal(10, bodyBytes);
    }

    [Fact]
    public void Extension_of_exactly_the_limit_is_accepted()
    {
        var scanner = new ChunkedBodyScanner(HttpLimits.Default);

        var result = scanner.Scan(Bytes.Sequence("1;" + new string('e', 256) + "\r\nx\r\n0\r\n\r\n"), out _);

        Assert.Equal(ChunkedScanResult.Complete, result);
    }

    [Fact]
    public void Trailers_of_exactly_the_limit_are_accepted()
    {
        var limits = new HttpLimits { MaxTrailerSize = 64 };
        string trailer = "A: " + new string('v', 64 - 7) + "\r\n\r\n";
        var scanner = new ChunkedBodyScanner(limits);

        var result = scanner.Scan(Bytes.Sequence("0\r\n" + trailer), out _);

        Assert.Equal(64, trailer.Length);
        Assert.Equal(ChunkedScanResult.Complete, result);
    }
}
