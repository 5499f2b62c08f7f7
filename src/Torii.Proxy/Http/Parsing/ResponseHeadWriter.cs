using System.Buffers;
using System.Text;
using Torii.Proxy.Actions;

namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// Writes the head of a backend's response as it goes to the client: received header lines
/// are copied byte for byte, hop-by-hop ones are dropped, and the proxy's own fields added.
/// </summary>
public static class ResponseHeadWriter
{
    private const int AddedFieldsRoom = 128;

    /// <returns>The number of bytes written.</returns>
    public static int Write(IBufferWriter<byte> output, ResponseHead response, in ResponseWriteOptions options)
    {
        var requestIdName = options.RequestIdHeaderName.Span;
        var setCookie = options.SetCookie.Span;
        var edits = options.Edits;
        int capacity = response.RawHead.Length + requestIdName.Length + options.RequestId.Length + setCookie.Length
            + AddedFieldsRoom + (edits?.AddedLength ?? 0);
        var builder = new HeadBuilder(output.GetSpan(capacity));

        builder.Append("HTTP/1.1"u8);
        builder.AppendLine(response.StatusLineAfterVersion);
        var backendSentHsts = false;
        for (int index = 0; index < response.HeaderCount; index++)
        {
            if (IsCopied(response, index, requestIdName) && (edits is null || KeptUnder(edits, response, index, ref backendSentHsts)))
            {
                builder.AppendLine(response.GetHeaderLine(index));
            }
        }

        if (edits is not null)
        {
            RequestHeadWriter.AppendEdits(ref builder, edits.Headers);
            if (edits.Hsts is { } hsts && (hsts.ForceReplace || !backendSentHsts))
            {
                builder.Append(hsts.Line);
            }
        }

        AppendConnection(ref builder, response, options);
        if (!setCookie.IsEmpty)
        {
            builder.AppendHeader("Set-Cookie"u8, setCookie);
        }

        if (!requestIdName.IsEmpty)
        {
            builder.AppendHeader(requestIdName, options.RequestId.Span);
        }

        builder.AppendCrlf();
        output.Advance(builder.Written);
        return builder.Written;
    }

    /// <summary>
    /// Whether a backend's header survives the frontend's edits. A backend's own
    /// Strict-Transport-Security is kept (RFC 6797 §6.1: one header) unless the policy forces its own.
    /// </summary>
    private static bool KeptUnder(ResponseEdits edits, ResponseHead response, int index, ref bool backendSentHsts)
    {
        var name = response.GetHeaderName(index);
        if (edits.Hsts is { } hsts && Ascii.EqualsIgnoreCase(name, HstsPolicy.HeaderName))
        {
            backendSentHsts = true;
            return !hsts.ForceReplace;
        }

        return !HeaderEdit.AnyCovers(edits.Headers, name);
    }

    private static bool IsCopied(ResponseHead response, int index, ReadOnlySpan<byte> requestIdName)
    {
        ref readonly var header = ref response.GetHeader(index);
        if (header.IsNamedByConnection || KnownHeaders.IsHopByHop(header.Known))
        {
            return false;
        }

        return header.Known != KnownHeader.Other
            || header.NameLength != requestIdName.Length
            || !Ascii.EqualsIgnoreCase(response.GetHeaderName(index), requestIdName);
    }

    private static void AppendConnection(ref HeadBuilder builder, ResponseHead response, in ResponseWriteOptions options)
    {
        if (response.IsUpgrade)
        {
            // 101 only makes sense with the protocol it switches to (RFC 9110 §15.2.2).
            builder.Append("Connection: upgrade\r\n"u8);
            if (response.FindHeader(KnownHeaders.Upgrade) >= 0)
            {
                builder.Append("Upgrade: "u8);
                builder.AppendValuesOf(response, KnownHeader.Upgrade, includeNamedByConnection: true);
                builder.AppendCrlf();
            }
        }
        else if (options.CloseConnection)
        {
            builder.Append("Connection: close\r\n"u8);
        }
        else if (options.ClientVersion == HttpProtocolVersion.Http10)
        {
            builder.Append("Connection: keep-alive\r\n"u8);
        }
    }
}
