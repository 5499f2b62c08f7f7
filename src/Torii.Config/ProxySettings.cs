namespace Torii.Config;

/// <summary>
/// The top-level settings of config.toml. Paths are absolute once loaded (relative ones are resolved
/// against the config file's folder); timeouts are in seconds and are the defaults for listeners.
/// </summary>
public sealed record ProxySettings
{
    /// <summary>UNIX socket of the command channel (key command_socket).</summary>
    public string CommandSocket { get; init; } = "torii.sock";

    /// <summary>State file replayed at start (key saved_state), if any.</summary>
    public string? SavedState { get; init; }

    /// <summary>Write the state to <see cref="SavedState"/> after each change (key automatic_state_save).</summary>
    public bool AutomaticStateSave { get; init; }

    /// <summary>One of error, warn, info, debug, trace (key log_level).</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>"stdout", "stderr", an absolute file path or a "scheme://..." target (key log_target).</summary>
    public string LogTarget { get; init; } = "stdout";

    /// <summary>Where access logs go, in the same forms as <see cref="LogTarget"/> (key access_logs_target).</summary>
    public string? AccessLogsTarget { get; init; } = "stdout";

    /// <summary>How access log records are written: "ascii" (the default), "json" or "protobuf" (key access_logs_format).</summary>
    public string AccessLogsFormat { get; init; } = "ascii";
    /// <summary>Where the audit log of command-socket changes goes, in the same forms; null (the default): none (key audit_logs_target).</summary>
    public string? AuditLogsTarget { get; init; }

    /// <summary>Most client connections open at once (key max_connections).</summary>
    public int MaxConnections { get; init; } = 10000;

    /// <summary>
    /// Seconds a client connection beyond <see cref="MaxConnections"/> waits, accepted but unread, for a
    /// connection to close before it is closed itself (key accept_queue_timeout, as Sōzu; 0 closes it at once).
    /// </summary>
    public int AcceptQueueTimeout { get; init; } = 60;

    /// <summary>Largest command frame accepted, in bytes (key max_command_buffer_size).</summary>
    public int MaxCommandBufferSize { get; init; } = 1048576;

    /// <summary>Inactivity timeout of client connections (key front_timeout).</summary>
    public int FrontTimeout { get; init; } = 60;

    /// <summary>Inactivity timeout of backend connections (key back_timeout).</summary>
    public int BackTimeout { get; init; } = 30;

    /// <summary>Time allowed to connect to a backend (key connect_timeout).</summary>
    public int ConnectTimeout { get; init; } = 3;

    /// <summary>Time allowed to receive a whole request (key request_timeout).</summary>
    public int RequestTimeout { get; init; } = 10;

    /// <summary>Start listening on every listener at start (key activate_listeners).</summary>
    public bool ActivateListeners { get; init; } = true;

    /// <summary>
    /// Most idle keep-alive connections kept per backend (key max_idle_backend_connections): a safety
    /// cap far above normal concurrency, so the pool keeps what the load used and never limits reuse.
    /// </summary>
    public int MaxIdleBackendConnections { get; init; } = 1024;

    /// <summary>Seconds an idle backend connection is kept before it is closed (key backend_idle_timeout).</summary>
    public int BackendIdleTimeout { get; init; } = 30;

    /// <summary>Header carrying the per-request id (key request_id_header).</summary>
    public string RequestIdHeader { get; init; } = "Torii-Id";

    /// <summary>
    /// Socket loops, the event-loop threads that serve connections (key worker_count, as Sōzu's number of single-threaded
    /// workers); 0 (the default): one per CPU. Read at start; a reload does not change it.
    /// </summary>
    public int WorkerCount { get; init; }

    /// <summary>Seconds in the Retry-After of a 429 at max_connections_per_ip, unless a cluster says otherwise (key retry_after, as Sōzu; 0: no header).</summary>
    public uint RetryAfter { get; init; } = 60;
}
