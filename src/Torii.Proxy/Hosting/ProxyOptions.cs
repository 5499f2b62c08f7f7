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
    AccessLogFormat AccessLogFormat = AccessLogFormat.Ascii);
