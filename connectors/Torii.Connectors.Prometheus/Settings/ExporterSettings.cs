using System.Net;

namespace Torii.Connectors.Prometheus.Settings;

internal sealed record ExporterSettings
{
    public static readonly IPEndPoint DefaultListenAddress = new(IPAddress.Loopback, 9300);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The only address /metrics and /healthz listen on; port 0 picks a free port.</summary>
    public required IPEndPoint ListenAddress { get; init; }

    /// <summary>The proxy's command socket, absolute.</summary>
    public required string ProxySocket { get; init; }

    /// <summary>Longest wait for the proxy's answer; keep it under Prometheus' scrape_timeout.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
}
