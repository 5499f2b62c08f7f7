using System.Net;
using System.Net.Security;
using System.Security.Authentication;
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
    public string Scheme => Protocol == ListenerProtocol.Https ? "https" : "http";

    /// <summary>send_x_real_ip and elide_x_real_ip of an HTTP or HTTPS listener.</summary>
    public RealIpPolicy RealIp { get; init; }
}
