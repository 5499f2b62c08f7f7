using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Hosting;

/// <summary>Process-wide settings of a running proxy.</summary>
public sealed record ProxyOptions(
    string CommandSocket,
    long MaxCommandFrameSize,
    int MaxConnections,
    int MaxIdleBackendConnections,
    TimeSpan BackendIdleTimeout,
    string RequestIdHeader,
    HttpLimits Limits,
    string? AccessLogTarget = "stdout",
    string? ConfigPath = null,
    int AcceptQueueTimeoutSeconds = 60)
{
    /// <summary>Where the audit log goes (key audit_logs_target): "stdout", "stderr" or a file; null for none.</summary>
    public string? AuditLogTarget { get; init; }
}
