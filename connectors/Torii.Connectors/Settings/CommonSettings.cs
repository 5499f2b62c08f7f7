using System.Net;
using Torii.Connectors.Logging;

namespace Torii.Connectors.Settings;

/// <summary>What every connector needs besides its broker: where the proxy is, where /healthz listens, logging.</summary>
public sealed record CommonSettings
{
    /// <summary>The proxy's command socket, absolute.</summary>
    public required string ProxySocket { get; init; }

    public required IPEndPoint HealthzAddress { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Longest wait for the proxy's answer to one request, queueing included.</summary>
    public TimeSpan ProxyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Dead-letter the requests the proxy refuses instead of acknowledging them.</summary>
    public bool DeadLetterFailed { get; init; }
}
