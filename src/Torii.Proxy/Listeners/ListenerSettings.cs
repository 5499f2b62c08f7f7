using System.Net;
using System.Security.Authentication;
using Torii.Proxy.Http;

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
    SslProtocols TlsProtocols = SslProtocols.None)
{
    public string Scheme => Protocol == ListenerProtocol.Https ? "https" : "http";

    /// <summary>The HTTP/2 limits and defences of an HTTP or HTTPS listener.</summary>
    public Http2.Http2Limits Http2 { get; init; } = Torii.Proxy.Http2.Http2Limits.Default;

    /// <summary>What an HTTPS listener offers in ALPN, in order of preference (Sōzu's alpn_protocols).</summary>
    public IReadOnlyList<System.Net.Security.SslApplicationProtocol> AlpnProtocols { get; init; } =
        [System.Net.Security.SslApplicationProtocol.Http2, System.Net.Security.SslApplicationProtocol.Http11];
}
