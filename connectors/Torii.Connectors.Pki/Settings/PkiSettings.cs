using Torii.Connectors.Logging;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Settings;

/// <summary>Everything the connector needs, resolved from its TOML file and flags; paths are absolute.</summary>
internal sealed record PkiSettings
{
    public static readonly TimeSpan DefaultRescanInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    /// <summary>The directory of certificate pairs.</summary>
    public required string Directory { get; init; }

    /// <summary>The HTTPS listener whose certificates the directory holds.</summary>
    public required SocketAddress Listener { get; init; }

    public required string ProxySocket { get; init; }

    /// <summary>Where the connector records the certificates it added, to know which are its own.</summary>
    public required string StateFile { get; init; }

    /// <summary>A full pass even without file events, so a missed event heals.</summary>
    public TimeSpan RescanInterval { get; init; } = DefaultRescanInterval;

    /// <summary>Quiet time after the last file event before a pass, so a pair being written is read once complete.</summary>
    public TimeSpan Debounce { get; init; } = DefaultDebounce;

    public TimeSpan ProxyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Where /healthz, /counters and /metrics listen; null (the default) for no HTTP endpoint.</summary>
    public System.Net.IPEndPoint? HealthzAddress { get; init; }
}
