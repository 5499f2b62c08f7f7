namespace Torii.Config.Loading;

/// <summary>Reads the top-level keys of config.toml into <see cref="ProxySettings"/>.</summary>
internal static class SettingsReader
{
    /// <summary>Keys of the top level that are not settings but sections.</summary>
    public static readonly string[] SectionKeys = ["listeners", "clusters"];

    /// <summary>More event-loop threads than this is a mistake, not a machine.</summary>
    private const int MaxWorkerCount = 1024;

    /// <summary>A day: longer than any client waits for a connection.</summary>
    private const int MaxAcceptQueueTimeout = 86_400;

    private static readonly string[] SettingKeys =
    [
        "command_socket", "saved_state", "automatic_state_save", "log_level", "log_target", "access_logs_target",
        "max_connections", "max_command_buffer_size", "front_timeout", "back_timeout", "connect_timeout",
        "request_timeout", "activate_listeners", "max_idle_backend_connections", "backend_idle_timeout",
        "request_id_header", "accept_queue_timeout", "access_logs_format", .. PerIpLimitReader.Keys,
        "audit_logs_target", "worker_count",
    ];

    // Sōzu settings that mean nothing to a single-process proxy; accepted so a Sōzu config still loads.
    private static readonly string[] IgnoredSozuKeys =
    [
        "command_buffer_size", "worker_automatic_restart", "worker_timeout",
        "handle_process_affinity", "min_buffers", "max_buffers", "buffer_size", "ctl_command_timeout",
        "pid_file_path", "zombie_check_interval", "log_colored",
        "access_logs_colored", "metrics", "disable_cluster_metrics",
    ];

    public static ProxySettings Read(ConfigSection root, ConfigFileReader files, List<ConfigWarning> warnings)
    {
        root.CheckKeys([.. SettingKeys, .. SectionKeys, .. IgnoredSozuKeys]);
        foreach (var key in IgnoredSozuKeys.Where(root.Has))
        {
            warnings.Add(new ConfigWarning($"'{key}' is a Sōzu setting that Torii does not use; it is ignored", root.KeyPosition(key)));
        }

        var defaults = new ProxySettings();
        return new ProxySettings
        {
            CommandSocket = files.Resolve(root.NonEmptyString("command_socket") ?? defaults.CommandSocket),
            SavedState = root.NonEmptyString("saved_state") is { } savedState ? files.Resolve(savedState) : null,
            AutomaticStateSave = ReadAutomaticStateSave(root),
            LogLevel = (ConfigChoices.LogLevel.Read(root, "log_level") ?? LogLevel.Info).ToString().ToLowerInvariant(),
            LogTarget = ResolveTarget(root.NonEmptyString("log_target") ?? defaults.LogTarget, files),
            AccessLogsTarget = root.NonEmptyString("access_logs_target") is "off" or "none"
                ? null
                : ResolveTarget(root.NonEmptyString("access_logs_target") ?? "stdout", files),
            AccessLogsFormat = (ConfigChoices.AccessLogsFormat.Read(root, "access_logs_format") ?? AccessLogsFormat.Ascii).ToString().ToLowerInvariant(),
            MaxConnections = root.Int32("max_connections", 1) ?? defaults.MaxConnections,
            AcceptQueueTimeout = root.Int32("accept_queue_timeout", 0, MaxAcceptQueueTimeout) ?? defaults.AcceptQueueTimeout,
            // Below 1 KiB not even a small request with a certificate fits in a frame.
            MaxCommandBufferSize = root.Int32("max_command_buffer_size", 1024) ?? defaults.MaxCommandBufferSize,
            FrontTimeout = root.Int32("front_timeout", 1) ?? defaults.FrontTimeout,
            BackTimeout = root.Int32("back_timeout", 1) ?? defaults.BackTimeout,
            ConnectTimeout = root.Int32("connect_timeout", 1) ?? defaults.ConnectTimeout,
            RequestTimeout = root.Int32("request_timeout", 1) ?? defaults.RequestTimeout,
            ActivateListeners = root.Bool("activate_listeners") ?? defaults.ActivateListeners,
            MaxIdleBackendConnections = root.Int32("max_idle_backend_connections", 0) ?? defaults.MaxIdleBackendConnections,
            BackendIdleTimeout = root.Int32("backend_idle_timeout", 1) ?? defaults.BackendIdleTimeout,
            RequestIdHeader = ReadHeaderName(root, "request_id_header") ?? defaults.RequestIdHeader,
            RetryAfter = PerIpLimitReader.ReadRetryAfter(root),
            WorkerCount = root.Int32("worker_count", 0, MaxWorkerCount) ?? defaults.WorkerCount,
            AuditLogsTarget = root.NonEmptyString("audit_logs_target") is { } audit and not ("off" or "none") ? ResolveTarget(audit, files) : null,
        };
    }

    private static bool ReadAutomaticStateSave(ConfigSection root)
    {
        var enabled = root.Bool("automatic_state_save") ?? false;
        return enabled && !root.Has("saved_state")
            ? throw root.ErrorAt("automatic_state_save", "'automatic_state_save' needs 'saved_state' to name the file to write")
            : enabled;
    }

    /// <summary>
    /// Log targets are "stdout", "stderr", a file path, "file://path" or another "scheme://..." target;
    /// file paths become absolute, resolved against the config file's folder.
    /// </summary>
    private static string ResolveTarget(string target, ConfigFileReader files)
    {
        const string FileScheme = "file://";
        if (target is "stdout" or "stderr")
        {
            return target;
        }

        if (target.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase))
        {
            return FileScheme + files.Resolve(target[FileScheme.Length..]);
        }

        return target.Contains("://", StringComparison.Ordinal) ? target : files.Resolve(target);
    }

    private static string? ReadHeaderName(ConfigSection section, string key)
    {
        var name = section.NonEmptyString(key);
        return name is null || name.All(IsTokenChar)
            ? name
            : throw section.ErrorAt(key, $"'{key}' must be a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~)");
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
