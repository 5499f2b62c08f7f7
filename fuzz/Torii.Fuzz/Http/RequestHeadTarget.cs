using System.Buffers;
using System.Net;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>
/// RequestHeadParser: only HttpParseError results, the same outcome however the bytes are cut,
/// and parse → RequestHeadWriter → parse keeps the method, target, framing and forwarded headers.
/// </summary>
internal sealed class RequestHeadTarget : IFuzzTarget
{
    private const int MaxPipelined = 4;

    private static readonly HeadSplitCheck<RequestHead> Splits =
        new(RequestHeadParser.TryParse, HeadText.Describe, FuzzLimits.Small);

    private static readonly ForwardingContext Context = new(
        IPAddress.Parse("2001:db8::7"),
        new IPEndPoint(IPAddress.Loopback, 8080),
        "http",
        "req-1"u8.ToArray(),
        ForwardedHeaders.RequestIdName);

    public string Name => "request-head";

    public void Run(byte[] input)
    {
        using var head = new RequestHead();
        var buffer = new ReadOnlySequence<byte>(input);
        var first = Splits.Parse(ref buffer, head);
        if (first.Result.IsComplete)
        {
            CheckRoundTrip(head);
            ParsePipelined(buffer, head);
        }

        Splits.Run(input, first);
    }

    private static void ParsePipelined(ReadOnlySequence<byte> buffer, RequestHead head)
    {
        for (int count = 1; count < MaxPipelined && Splits.Parse(ref buffer, head).Result.IsComplete; count++)
        {
            CheckRoundTrip(head);
        }
    }

    private static void CheckRoundTrip(RequestHead head)
    {
        var output = new ArrayBufferWriter<byte>();
        int written = RequestHeadWriter.Write(output, head, Context);
        using var again = HeadRoundTrip.Reparse<RequestHead>(output, written, RequestHeadParser.TryParse);
        Check.Equal(HeadText.Of(head.MethodBytes), HeadText.Of(again.MethodBytes), "method after writing");
        Check.Equal(HeadText.Of(head.Target), HeadText.Of(again.Target), "target after writing");
        Check.Equal(head.Version, again.Version, "version after writing");
        Check.Equal(HeadText.Of(head.EffectiveHost), HeadText.Of(again.EffectiveHost), "effective host after writing");
        Check.Equal(head.ContentLength, again.ContentLength, "Content-Length after writing");
        Check.Equal(head.IsChunked, again.IsChunked, "chunked after writing");
        Check.Equal(head.IsUpgrade, again.IsUpgrade, "upgrade after writing");
        // A client that names Expect in Connection made it hop-by-hop (RFC 9110 §7.6.1): it is not forwarded.
        Check.Equal(head.Expect100Continue && !NamesExpectInConnection(head), again.Expect100Continue, "100-continue after writing");
        ForwardedHeaders.CheckCopied(ForwardedHeaders.Expected(head, dropsForwardingFields: true), again, head.HasHost ? 0 : 1);
    }

    private static bool NamesExpectInConnection(RequestHead head)
    {
        for (int index = 0; index < head.HeaderCount; index++)
        {
            if (head.GetHeader(index) is { Known: KnownHeader.Expect, IsNamedByConnection: true })
            {
                return true;
            }
        }

        return false;
    }
}
