using System.Buffers;
using System.Text;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Translation;

namespace Torii.Proxy.Tests.Http2;

/// <summary>The pooled scratch of the response translator: reused across streams, never carrying one stream's response into the next.</summary>
public sealed class ResponseScratchTests
{
    [Fact]
    public void A_scratch_given_back_is_reused_with_no_trace_of_the_previous_response()
    {
        var first = ResponseScratch.Rent();
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nx-secret: stream-1\r\ncontent-length: 0\r\n\r\n"));
        Assert.True(ResponseHeadParser.TryParse(ref buffer, first.Head, HttpLimits.Default).IsComplete);
        first.Block.Write("stream-1 block"u8);
        first.Dispose();

        var again = ResponseScratch.Rent();
        Assert.Same(first, again);
        Assert.Equal(0, again.Head.StatusCode);
        Assert.Equal(0, again.Head.HeaderCount);
        Assert.Equal(-1, again.Head.ContentLength);
        Assert.Equal(0, again.Block.WrittenCount);
        again.Dispose();
    }

    [Fact]
    public void A_header_block_that_grew_for_a_large_response_is_not_kept()
    {
        var scratch = ResponseScratch.Rent();
        scratch.Block.Write(new byte[64 * 1024]);
        scratch.Dispose();

        var again = ResponseScratch.Rent();
        Assert.True(again.Block.Capacity < 64 * 1024);
        again.Dispose();
    }
}
