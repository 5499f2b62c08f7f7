using System.Buffers;

namespace Torii.Proxy.Http.Parsing;

/// <summary>Parses an HTTP/1.x response head (RFC 9112) received from a backend.</summary>
public static class ResponseHeadParser
{
    /// <summary>
    /// Same contract as <see cref="RequestHeadParser.TryParse"/>. Any error means the
    /// response cannot be relayed safely and the proxy answers 502.
    /// </summary>
    public static HeadParseResult TryParse(ref ReadOnlySequence<byte> buffer, ResponseHead head, HttpLimits limits)
    {
        var status = HeadLocator.Locate(buffer, ref head.ScanState, limits, out long start, out long end, out var error);
        if (status == ParseStatus.NeedMoreData)
        {
            return HeadParseResult.NeedMoreData;
        }

        if (status == ParseStatus.Complete)
        {
            // Only a server may skip empty lines before the start line (RFC 9112 §2.2).
            head.Load(buffer.Slice(start, end - start));
            error = start > 0 ? HttpParseError.InvalidStatusLine : Parse(head);
        }

        if (error != HttpParseError.None)
        {
            return HeadParseResult.Failed(error);
        }

        buffer = buffer.Slice(end);
        return HeadParseResult.Complete;
    }

    private static HttpParseError Parse(ResponseHead head)
    {
        var bytes = head.RawHead;
        int statusLineEnd = bytes.IndexOf((byte)'\n') - 1;
        var error = StatusLineParser.Parse(bytes[..statusLineEnd], head);
        if (error == HttpParseError.None)
        {
            error = HeaderSectionParser.Parse(head, statusLineEnd + 2);
        }

        if (error == HttpParseError.None)
        {
            error = HeaderSummary.Collect(head, out var summary);
            if (error == HttpParseError.None)
            {
                error = ApplySummary(head, summary);
            }
        }

        return error;
    }

    private static HttpParseError ApplySummary(ResponseHead head, in HeaderSummary summary)
    {
        var codings = summary.TransferCodings;
        if (codings.Present)
        {
            // A response with both could be read two ways by the client; RFC 9112 §6.1 makes
            // TE in HTTP/1.0 faulty framing. The proxy answers 502 rather than guess.
            var error = head.Version == HttpProtocolVersion.Http10 ? HttpParseError.TransferEncodingInHttp10
                : summary.ContentLength >= 0 ? HttpParseError.TransferEncodingWithContentLength
                : codings.Malformed ? HttpParseError.InvalidTransferEncoding
                : codings.ChunkedCount > 1 ? HttpParseError.ChunkedAppliedTwice
                : HttpParseError.None;
            if (error != HttpParseError.None)
            {
                return error;
            }
        }

        head.ContentLength = summary.ContentLength;
        head.HasTransferEncoding = codings.Present;
        head.IsChunked = codings.Present && codings.LastIsChunked;
        head.KeepAlive = summary.KeepAliveFor(head.Version);
        head.IsUpgrade = head.StatusCode == 101;
        ConnectionNominations.Mark(head);
        return HttpParseError.None;
    }
}
