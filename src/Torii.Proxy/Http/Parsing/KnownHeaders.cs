using System.Text;

namespace Torii.Proxy.Http.Parsing;

/// <summary>Canonical names of the headers the proxy interprets, and their classification.</summary>
public static class KnownHeaders
{
    public static ReadOnlySpan<byte> Host => "Host"u8;
    public static ReadOnlySpan<byte> ContentLength => "Content-Length"u8;
    public static ReadOnlySpan<byte> TransferEncoding => "Transfer-Encoding"u8;
    public static ReadOnlySpan<byte> Connection => "Connection"u8;
    public static ReadOnlySpan<byte> KeepAlive => "Keep-Alive"u8;
    public static ReadOnlySpan<byte> ProxyConnection => "Proxy-Connection"u8;
    public static ReadOnlySpan<byte> TE => "TE"u8;
    public static ReadOnlySpan<byte> Trailer => "Trailer"u8;
    public static ReadOnlySpan<byte> Upgrade => "Upgrade"u8;
    public static ReadOnlySpan<byte> Expect => "Expect"u8;
    public static ReadOnlySpan<byte> XForwardedFor => "X-Forwarded-For"u8;
    public static ReadOnlySpan<byte> XForwardedProto => "X-Forwarded-Proto"u8;
    public static ReadOnlySpan<byte> XForwardedPort => "X-Forwarded-Port"u8;
    public static ReadOnlySpan<byte> Forwarded => "Forwarded"u8;

    public static KnownHeader Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when Ascii.EqualsIgnoreCase(name, TE) => KnownHeader.TE,
        4 when Ascii.EqualsIgnoreCase(name, Host) => KnownHeader.Host,
        6 when Ascii.EqualsIgnoreCase(name, Expect) => KnownHeader.Expect,
        7 when Ascii.EqualsIgnoreCase(name, Upgrade) => KnownHeader.Upgrade,
        7 when Ascii.EqualsIgnoreCase(name, Trailer) => KnownHeader.Trailer,
        9 when Ascii.EqualsIgnoreCase(name, Forwarded) => KnownHeader.Forwarded,
        10 when Ascii.EqualsIgnoreCase(name, Connection) => KnownHeader.Connection,
        10 when Ascii.EqualsIgnoreCase(name, KeepAlive) => KnownHeader.KeepAlive,
        14 when Ascii.EqualsIgnoreCase(name, ContentLength) => KnownHeader.ContentLength,
        15 when Ascii.EqualsIgnoreCase(name, XForwardedFor) => KnownHeader.XForwardedFor,
        16 when Ascii.EqualsIgnoreCase(name, XForwardedPort) => KnownHeader.XForwardedPort,
        16 when Ascii.EqualsIgnoreCase(name, ProxyConnection) => KnownHeader.ProxyConnection,
        17 when Ascii.EqualsIgnoreCase(name, TransferEncoding) => KnownHeader.TransferEncoding,
        17 when Ascii.EqualsIgnoreCase(name, XForwardedProto) => KnownHeader.XForwardedProto,
        _ => KnownHeader.Other,
    };

    /// <summary>
    /// Hop-by-hop fields (RFC 9110 §7.6.1) that are never forwarded as received. Transfer-Encoding
    /// is not here: bodies are relayed verbatim, so their framing header travels with them.
    /// </summary>
    public static bool IsHopByHop(KnownHeader header) =>
        header is KnownHeader.Connection or KnownHeader.KeepAlive or KnownHeader.ProxyConnection
            or KnownHeader.TE or KnownHeader.Upgrade;
}
