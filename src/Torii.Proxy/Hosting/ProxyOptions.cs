using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Logging;

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
    int AcceptQueueTimeoutSeconds = 60,
    uint RetryAfterSeconds = 60,
    AccessLogFormat AccessLogFormat = AccessLogFormat.Ascii)
{
    /// <summary>Where the audit log goes (key audit_logs_target): "stdout", "stderr" or a file; null for none.</summary>
    public string? AuditLogTarget { get; init; }

    /// <summary>
    /// Socket loops (event-loop threads) serving client and backend connections (key worker_count); 0: one per CPU.
    /// Read when the process starts: loops are neither added nor removed while it runs.
    /// </summary>
    public int WorkerCount { get; init; }
}
