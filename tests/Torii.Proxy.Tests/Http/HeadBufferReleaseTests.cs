using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

/// <summary>
/// A keep-alive connection gives its head buffers back while it waits for the next request:
/// the next head must parse as on a fresh connection, from buffers the pool hands back.
/// </summary>
[Collection("allocation measurements")]
public sealed class HeadBufferReleaseTests
{
    private const string ManyHeaders =
        "GET /a HTTP/1.1\r\nHost: one.example\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\nF: 6\r\nG: 7\r\nH: 8\r\n" +
        "I: 9\r\nJ: 10\r\nK: 11\r\nL: 12\r\nM: 13\r\nN: 14\r\nO: 15\r\nP: 16\r\nQ: 17\r\nR: 18\r\n\r\n";

    [Fact]
    public void A_released_head_holds_nothing_and_parses_the_next_request_whole()
    {
        using var head = new RequestHead();
        Assert.Equal(HeadParseResult.Complete, RequestParsing.Parse(ManyHeaders, head));
        Assert.Equal(19, head.HeaderCount);

        head.ReleaseBuffers();

        Assert.Equal(0, head.HeaderCount);
        Assert.True(head.RawHead.IsEmpty);
        Assert.Equal(HeadParseResult.Complete, RequestParsing.Parse("POST /b HTTP/1.1\r\nHost: two.example\r\nContent-Length: 3\r\n\r\n", head));
        Assert.Equal(2, head.HeaderCount);
        Assert.Equal("two.example", Bytes.Text(head.EffectiveHost));
        Assert.Equal(3, head.ContentLength);
    }

    [Fact]
    public void Releasing_between_requests_allocates_nothing_after_warm_up()
    {
        using var head = new RequestHead();
        var request = Bytes.Of(ManyHeaders);
        ParseAndRelease(head, request);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ParseAndRelease(head, request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void ParseAndRelease(RequestHead head, byte[] request)
    {
        for (var i = 0; i < 1000; i++)
        {
            var buffer = new System.Buffers.ReadOnlySequence<byte>(request);
            if (!RequestHeadParser.TryParse(ref buffer, head, HttpLimits.Default).IsComplete || head.HeaderCount != 19)
            {
                throw new InvalidOperationException("the request did not parse");
            }

            head.ReleaseBuffers();
        }
    }
}
