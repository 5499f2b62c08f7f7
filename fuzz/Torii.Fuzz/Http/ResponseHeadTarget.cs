using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>
/// ResponseHeadParser: only HttpParseError results, the same outcome however the bytes are cut,
/// and parse → ResponseHeadWriter → parse keeps the status, framing and end-to-end headers.
/// </summary>
internal sealed class ResponseHeadTarget : IFuzzTarget
{
    private static readonly HeadSplitCheck<ResponseHead> Splits =
        new(ResponseHeadParser.TryParse, HeadText.Describe, FuzzLimits.Small);

    public string Name => "response-head";

    public void Run(byte[] input)
    {
        using var head = new ResponseHead();
        var buffer = new ReadOnlySequence<byte>(input);
        var first = Splits.Parse(ref buffer, head);
        if (first.Result.IsComplete)
        {
            // The writer's options come from the input so the fuzzer explores them too.
            var options = new ResponseWriteOptions(
                "req-1"u8.ToArray(),
                ForwardedHeaders.RequestIdName,
                CloseConnection: (input.Length & 1) != 0,
                ClientVersion: (input.Length & 2) != 0 ? HttpProtocolVersion.Http10 : HttpProtocolVersion.Http11,
                SetCookie: (input.Length & 4) != 0 ? "SERVERID=b1; Path=/"u8.ToArray() : default);
            CheckRoundTrip(head, options);
        }

        Splits.Run(input, first);
    }

    private static void CheckRoundTrip(ResponseHead head, in ResponseWriteOptions options)
    {
        var output = new ArrayBufferWriter<byte>();
        int written = ResponseHeadWriter.Write(output, head, options);
        using var again = HeadRoundTrip.Reparse<ResponseHead>(output, written, ResponseHeadParser.TryParse);
        Check.Equal(HttpProtocolVersion.Http11, again.Version, "version after writing");
        Check.Equal(head.StatusCode, again.StatusCode, "status after writing");
        Check.Equal(HeadText.Of(head.Reason), HeadText.Of(again.Reason), "reason after writing");
        Check.Equal(head.ContentLength, again.ContentLength, "Content-Length after writing");
        Check.Equal(head.HasTransferEncoding, again.HasTransferEncoding, "Transfer-Encoding after writing");
        Check.Equal(head.IsChunked, again.IsChunked, "chunked after writing");
        Check.Equal(head.IsUpgrade, again.IsUpgrade, "upgrade after writing");
        ForwardedHeaders.CheckCopied(ForwardedHeaders.Expected(head, dropsForwardingFields: false), again, 0);
    }
}
