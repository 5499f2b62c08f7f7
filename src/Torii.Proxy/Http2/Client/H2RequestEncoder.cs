using System.Buffers;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Http2.Client;

/// <summary>
/// Encodes a request head, as the proxy would send it to an HTTP/1.1 backend (forwarding fields and
/// edits applied), into an HTTP/2 header block (RFC 9113 §8.3.1): the request line and Host become
/// pseudo-header fields, names go lower case, and the connection-specific fields are dropped
/// (§8.2.2), except "te: trailers", which gRPC servers require.
/// </summary>
public static class H2RequestEncoder
{
    private const int MaxNameLength = 256;

    /// <param name="head">The head as rendered for the backend.</param>
    /// <param name="acceptsTrailers">The client's request carried TE: trailers (dropped from <paramref name="head"/> as hop-by-hop).</param>
    public static void Encode(IBufferWriter<byte> block, RequestHead head, bool acceptsTrailers)
    {
        HpackEncoder.WriteField(block, ":method"u8, head.MethodBytes);
        HpackEncoder.WriteField(block, ":scheme"u8, "http"u8);
        var authority = head.HasHost ? head.Host : head.TargetAuthority;
        if (!authority.IsEmpty)
        {
            HpackEncoder.WriteField(block, ":authority"u8, authority);
        }

        HpackEncoder.WriteField(block, ":path"u8, PathOf(head));
        Span<byte> lower = stackalloc byte[MaxNameLength];
        for (var index = 0; index < head.HeaderCount; index++)
        {
            ref readonly var header = ref head.GetHeader(index);
            if (header.Known is KnownHeader.Host or KnownHeader.TransferEncoding or KnownHeader.TE
                || header.IsNamedByConnection || KnownHeaders.IsHopByHop(header.Known))
            {
                continue;
            }

            var name = head.GetHeaderName(index);
            if (name.Length > MaxNameLength)
            {
                continue;
            }

            System.Text.Ascii.ToLower(name, lower, out var written);
            HpackEncoder.WriteField(block, lower[..written], head.GetHeaderValue(index));
        }

        if (acceptsTrailers)
        {
            HpackEncoder.WriteField(block, "te"u8, "trailers"u8);
        }
    }

    /// <summary>Whether a request's TE field lists "trailers" (RFC 9110 §10.1.4).</summary>
    public static bool AcceptsTrailers(RequestHead request)
    {
        for (var index = request.FindHeader(KnownHeaders.TE); index >= 0; index = request.FindHeader(KnownHeaders.TE, index + 1))
        {
            foreach (var range in request.GetHeaderValue(index).Split((byte)','))
            {
                var element = request.GetHeaderValue(index)[range];
                var parameters = element.IndexOf((byte)';');
                if (System.Text.Ascii.EqualsIgnoreCase(HttpCharacters.TrimWhitespace(parameters >= 0 ? element[..parameters] : element), "trailers"u8))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The origin-form target; an absolute-form one loses its scheme and authority (§8.3.1).</summary>
    private static ReadOnlySpan<byte> PathOf(RequestHead head) => head.TargetForm switch
    {
        RequestTargetForm.Absolute => head.Target[(head.Target.IndexOf("//"u8) + 2 + head.TargetAuthority.Length)..] is { IsEmpty: false } path ? path : "/"u8,
        _ => head.Target,
    };
}
