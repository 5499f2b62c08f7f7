using System.Buffers;
using System.Text;
using Torii.Proxy.Actions;

namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// Writes the head of a request as it goes to a backend: received header lines are copied
/// byte for byte, hop-by-hop ones are dropped, and the forwarding fields are set.
/// </summary>
public static class RequestHeadWriter
{
    // Room for the added fields beyond what they copy from the request: three addresses of
    // at most IpAddressText.MaxLength, names, separators and fixed values stay well under it.
    private const int AddedFieldsRoom = 512;

    private static ReadOnlySpan<byte> XForwardedHost => "X-Forwarded-Host"u8;

    /// <returns>The number of bytes written.</returns>
    public static int Write(IBufferWriter<byte> output, RequestHead request, in ForwardingContext context)
    {
        var requestIdName = context.RequestIdHeaderName.Span;
        var requestId = context.RequestId.Span;
        var edit = context.Edit;
        int capacity = request.RawHead.Length + requestIdName.Length + requestId.Length
            + (2 * context.Scheme.Length) + AddedFieldsRoom + (edit?.AddedLength(request.EffectiveHost.Length) ?? 0);
        var builder = new HeadBuilder(output.GetSpan(capacity));

        if (edit?.Target is { } target)
        {
            builder.Append(request.MethodBytes);
            builder.Append(" "u8);
            builder.Append(target);
        }
        else
        {
            builder.Append(request.MethodAndTarget);
        }

        // An HTTP/1.0 client cannot read a chunked body; asking the backend in HTTP/1.0 too
        // means it will never send one (the price: that backend connection is not kept alive).
        builder.AppendLine(request.Version == HttpProtocolVersion.Http10 ? " HTTP/1.0"u8 : " HTTP/1.1"u8);
        if (edit?.Host is { } host)
        {
            // The backend sees the rewritten authority; the one the client asked for travels beside it.
            builder.AppendHeader(KnownHeaders.Host, host);
            builder.AppendHeader(XForwardedHost, request.EffectiveHost);
        }
        else if (!request.HasHost)
        {
            // An HTTP/1.0 request may lack Host; backends behind virtual hosts still need one.
            builder.AppendHeader(KnownHeaders.Host, request.TargetAuthority);
        }

        for (int index = 0; index < request.HeaderCount; index++)
        {
            if (IsCopied(request, index, requestIdName)
                && !(context.RealIp.DropsClientHeader && IsRealIp(request, index))
                && (edit is null || KeptUnder(edit, request, index)))
            {
                builder.AppendLine(request.GetHeaderLine(index));
            }
        }

        AppendForwardingFields(ref builder, request, context);
        if (context.RealIp.Send)
        {
            builder.Append(RealIpPolicy.HeaderName);
            builder.Append(": "u8);
            builder.AppendAddress(context.ClientAddress);
            builder.AppendCrlf();
        }

        if (edit is not null)
        {
            AppendEdits(ref builder, edit.Headers);
        }

        if (!requestIdName.IsEmpty)
        {
            builder.AppendHeader(requestIdName, requestId);
        }

        if (request.IsUpgrade)
        {
            builder.Append("Connection: upgrade\r\nUpgrade: "u8);
            builder.AppendValuesOf(request, KnownHeader.Upgrade, includeNamedByConnection: true);
            builder.AppendCrlf();
        }

        builder.AppendCrlf();
        output.Advance(builder.Written);
        return builder.Written;
    }

    /// <summary>Whether a received header survives the frontend's edits (an edited name is replaced or deleted).</summary>
    private static bool KeptUnder(RequestEdit edit, RequestHead request, int index)
    {
        var name = request.GetHeaderName(index);
        if (edit.Host is not null && (request.GetHeader(index).Known == KnownHeader.Host || Ascii.EqualsIgnoreCase(name, XForwardedHost)))
        {
            return false;
        }

        return !HeaderEdit.AnyCovers(edit.Headers, name);
    }

    internal static void AppendEdits(ref HeadBuilder builder, HeaderEdit[] edits)
    {
        foreach (var header in edits)
        {
            if (!header.Deletes)
            {
                builder.AppendHeader(header.Name, header.Value);
            }
        }
    }

    private static bool IsCopied(RequestHead request, int index, ReadOnlySpan<byte> requestIdName)
    {
        ref readonly var header = ref request.GetHeader(index);
        return header.Known switch
        {
            KnownHeader.XForwardedFor or KnownHeader.XForwardedProto or KnownHeader.XForwardedPort
                or KnownHeader.Forwarded => false,
            KnownHeader.Other when header.NameLength == requestIdName.Length
                && Ascii.EqualsIgnoreCase(request.GetHeaderName(index), requestIdName) => false,
            _ => !header.IsNamedByConnection && !KnownHeaders.IsHopByHop(header.Known),
        };
    }

    private static bool IsRealIp(RequestHead request, int index) =>
        request.GetHeader(index).NameLength == RealIpPolicy.HeaderName.Length
        && Ascii.EqualsIgnoreCase(request.GetHeaderName(index), RealIpPolicy.HeaderName);

    private static void AppendForwardingFields(ref HeadBuilder builder, RequestHead request, in ForwardingContext context)
    {
        builder.Append(KnownHeaders.XForwardedFor);
        builder.Append(": "u8);
        if (builder.AppendValuesOf(request, KnownHeader.XForwardedFor, includeNamedByConnection: false))
        {
            builder.Append(", "u8);
        }

        builder.AppendAddress(context.ClientAddress);
        builder.AppendCrlf();

        builder.Append(KnownHeaders.XForwardedProto);
        builder.Append(": "u8);
        builder.AppendAscii(context.Scheme);
        builder.AppendCrlf();

        builder.Append(KnownHeaders.XForwardedPort);
        builder.Append(": "u8);
        builder.AppendNumber(context.ListenerEndPoint.Port);
        builder.AppendCrlf();

        builder.Append(KnownHeaders.Forwarded);
        builder.Append(": "u8);
        if (builder.AppendValuesOf(request, KnownHeader.Forwarded, includeNamedByConnection: false))
        {
            builder.Append(", "u8);
        }

        builder.Append("for="u8);
        builder.AppendForwardedNode(context.ClientAddress);
        builder.Append(";proto="u8);
        builder.AppendAscii(context.Scheme);
        builder.Append(";by="u8);
        builder.AppendForwardedNode(context.ListenerEndPoint.Address);
        builder.AppendCrlf();
    }
}
