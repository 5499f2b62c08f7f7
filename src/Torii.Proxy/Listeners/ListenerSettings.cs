using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Torii.Proxy.Actions;
using Torii.Proxy.Http;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Listeners;

/// <summary>What a listener needs at run time, fixed when the listener is added.</summary>
public sealed record ListenerSettings(
    IPEndPoint Address,
    ListenerProtocol Protocol,
    TimeSpan FrontTimeout,
    TimeSpan BackTimeout,
    TimeSpan ConnectTimeout,
    TimeSpan RequestTimeout,
    string StickyName,
    DefaultAnswers Answers,
    bool ExpectProxy,
    SslProtocols TlsProtocols = SslProtocols.None,
    CipherSuitesPolicy? CipherSuites = null)
{
    private readonly HstsPolicy? _hsts;

    public string Scheme => Protocol == ListenerProtocol.Https ? "https" : "http";

    /// <summary>The listener's own request id header (Sōzu's sozu_id_header); null: the proxy-wide request_id_header.</summary>
    public byte[]? RequestIdHeader { get; init; }

    /// <summary>send_x_real_ip and elide_x_real_ip of an HTTP or HTTPS listener.</summary>
    public RealIpPolicy RealIp { get; init; }

    /// <summary>The HTTPS listener's default HSTS policy, which frontends inherit unless they set their own.</summary>
    public HstsPolicy? Hsts
    {
        get => _hsts;
        init
        {
            _hsts = value;
            DefaultResponseEdits = Protocol == ListenerProtocol.Https ? ResponseEdits.Of([], value) : null;
        }
    }

    /// <summary>The response edits of a request whose frontend has none of its own: the HSTS default alone.</summary>
    public ResponseEdits? DefaultResponseEdits { get; private init; }

    /// <summary>The HTTP/2 limits and defences of an HTTP or HTTPS listener.</summary>
    public Http2.Http2Limits Http2 { get; init; } = Torii.Proxy.Http2.Http2Limits.Default;

    /// <summary>Sōzu's default ALPN offer: h2, then http/1.1.</summary>
    public static readonly List<SslApplicationProtocol> DefaultAlpnProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    /// <summary>
    /// What an HTTPS listener offers in ALPN, in order of preference (Sōzu's alpn_protocols). Built once with the
    /// listener and handed as is to every handshake, which only reads it.
    /// </summary>
    public List<SslApplicationProtocol> AlpnProtocols { get; init; } = DefaultAlpnProtocols;
}
