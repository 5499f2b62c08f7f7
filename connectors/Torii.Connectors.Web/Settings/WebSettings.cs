using System.Net;

namespace Torii.Connectors.Web.Settings;

internal sealed record WebSettings
{
    public static readonly IPEndPoint DefaultListenAddress = new(IPAddress.Loopback, 9400);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The only address the console listens on; port 0 picks a free one.</summary>
    public required IPEndPoint ListenAddress { get; init; }

    /// <summary>The proxy's command socket, absolute.</summary>
    public required string ProxySocket { get; init; }

    /// <summary>Longest wait for one answer of the proxy.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public IReadOnlyList<WebAccount> Users { get; init; } = [];

    public IReadOnlyList<WebAccount> Tokens { get; init; } = [];

    /// <summary>A PEM certificate and key to serve HTTPS with; plain HTTP when absent.</summary>
    public string? TlsCertificate { get; init; }

    public string? TlsKey { get; init; }
}
