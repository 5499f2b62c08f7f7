using System.Buffers;

namespace Torii.Proxy.Http.Parsing;

/// <summary>Parses an HTTP/1.x request head (RFC 9112) from the front of a receive buffer.</summary>
public static class RequestHeadParser
{
    /// <summary>
    /// Parses the request head at the start of <paramref name="buffer"/>. On
    /// <see cref="ParseStatus.Complete"/> the buffer is advanced past the head; otherwise it
    /// is left as it was. After NeedMoreData, call again with the same unconsumed bytes plus
    /// whatever arrived: the search resumes where it stopped.
    /// </summary>
    public static HeadParseResult TryParse(ref ReadOnlySequence<byte> buffer, RequestHead head, HttpLimits limits)
    {
        var status = HeadLocator.Locate(buffer, ref head.ScanState, limits, out long start, out long end, out var error);
        if (status == ParseStatus.NeedMoreData)
        {
            return HeadParseResult.NeedMoreData;
        }

        if (status == ParseStatus.Complete)
        {
            head.Load(buffer.Slice(start, end - start));
            error = Parse(head);
        }

        if (error != HttpParseError.None)
        {
            return HeadParseResult.Failed(error);
        }

        buffer = buffer.Slice(end);
        return HeadParseResult.Complete;
    }

    private static HttpParseError Parse(RequestHead head)
    {
        var bytes = head.RawHead;
        int requestLineEnd = bytes.IndexOf((byte)'\n') - 1;
        var error = RequestLineParser.Parse(bytes[..requestLineEnd], head);
        if (error == HttpParseError.None)
        {
            error = HeaderSectionParser.Parse(head, requestLineEnd + 2);
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

    private static HttpParseError ApplySummary(RequestHead head, in HeaderSummary summary)
    {
        bool http11 = head.Version == HttpProtocolVersion.Http11;
        var error = CheckFraming(summary, http11);
        if (error == HttpParseError.None)
        {
            error = CheckHost(head, summary, http11);
        }

        if (error != HttpParseError.None)
        {
            return error;
        }

        head.ContentLength = summary.ContentLength;
        head.HasTransferEncoding = summary.TransferCodings.Present;
        head.IsChunked = summary.TransferCodings.Present;
        head.KeepAlive = summary.KeepAliveFor(head.Version);

        // RFC 9110 §7.8 and §10.1.1: a server ignores Upgrade and 100-continue from HTTP/1.0.
        head.IsUpgrade = http11 && summary.HasUpgradeHeader && (summary.Connection & ConnectionOptions.Upgrade) != 0;
        head.Expect100Continue = http11 && summary.ExpectsContinue;
        ConnectionNominations.Mark(head);
        return HttpParseError.None;
    }

    private static HttpParseError CheckFraming(in HeaderSummary summary, bool http11)
    {
        var codings = summary.TransferCodings;
        if (!codings.Present)
        {
            return HttpParseError.None;
        }

        // RFC 9112 §6.1 allows processing CL + TE as chunked, but a proxy that forwards both
        // invites request smuggling; rejecting is the safe reading.
        return !http11 ? HttpParseError.TransferEncodingInHttp10
            : summary.ContentLength >= 0 ? HttpParseError.TransferEncodingWithContentLength
            : codings.Malformed ? HttpParseError.InvalidTransferEncoding
            : codings.ChunkedCount > 1 ? HttpParseError.ChunkedAppliedTwice
            : !codings.LastIsChunked ? HttpParseError.ChunkedNotFinal
            : codings.HasOtherCoding ? HttpParseError.UnsupportedTransferCoding
            : HttpParseError.None;
    }

    private static HttpParseError CheckHost(RequestHead head, in HeaderSummary summary, bool http11)
    {
        if (summary.HostCount > 1)
        {
            return HttpParseError.MultipleHosts;
        }

        if (summary.HostCount == 0)
        {
            return http11 ? HttpParseError.MissingHost : HttpParseError.None;
        }

        if (head.GetHeaderValue(summary.HostIndex).ContainsAnyExcept(HttpCharacters.Host))
        {
            return HttpParseError.InvalidHost;
        }

        head.SetHostIndex(summary.HostIndex);
        return HttpParseError.None;
    }
}
