using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;

namespace Torii.Proxy.Tls;

/// <summary>
/// What a TLS connection negotiated, read once after its handshake and shared by every request on it.
/// Short names as Sōzu logs them: "TLSv1.3", "TLS_AES_128_GCM_SHA256", the SNI in lowercase, "http/1.1".
/// </summary>
public sealed record TlsDetails(string Version, string Cipher, string? Sni, string? Alpn)
{
    private static readonly ConcurrentDictionary<TlsCipherSuite, string> CipherNames = new();

    public static TlsDetails From(SslStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var sni = stream.TargetHostName;
        var alpn = stream.NegotiatedApplicationProtocol;
        return new TlsDetails(
            VersionName(stream.SslProtocol),
            CipherNames.GetOrAdd(stream.NegotiatedCipherSuite, static cipher => cipher.ToString()),
            string.IsNullOrEmpty(sni) ? null : sni.ToLowerInvariant(),
            alpn.Protocol.IsEmpty ? null : alpn.ToString());
    }

    private static string VersionName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
#pragma warning disable SYSLIB0039 // Named only to be logged: the listener's settings decide what is allowed.
        SslProtocols.Tls11 => "TLSv1.1",
        SslProtocols.Tls => "TLSv1",
#pragma warning restore SYSLIB0039
        _ => protocol.ToString(),
    };
}
