using Google.Protobuf;
using Google.Protobuf.Reflection;
using Torii.Proxy.Http2;

namespace Torii.Proxy.State;

/// <summary>
/// A listener's HTTP/2 limits from its h2_* fields. HttpListenerConfig and HttpsListenerConfig
/// declare the same fields under different numbers, so they are read by name.
/// </summary>
public static class Http2LimitsOf
{
    public static Http2Limits Read(IMessage config)
    {
        var fields = config.Descriptor.Fields;
        var defaults = Http2Limits.Default;
        var idle = Field(config, fields, "h2_stream_idle_timeout_seconds");
        var shutdown = Field(config, fields, "h2_graceful_shutdown_deadline_seconds");
        return new Http2Limits
        {
            MaxRstStreamPerWindow = Positive(config, fields, "h2_max_rst_stream_per_window") ?? defaults.MaxRstStreamPerWindow,
            MaxPingPerWindow = Positive(config, fields, "h2_max_ping_per_window") ?? defaults.MaxPingPerWindow,
            MaxSettingsPerWindow = Positive(config, fields, "h2_max_settings_per_window") ?? defaults.MaxSettingsPerWindow,
            MaxEmptyDataPerWindow = Positive(config, fields, "h2_max_empty_data_per_window") ?? defaults.MaxEmptyDataPerWindow,
            MaxWindowUpdateStream0PerWindow = Positive(config, fields, "h2_max_window_update_stream0_per_window") ?? defaults.MaxWindowUpdateStream0PerWindow,
            MaxContinuationFrames = Positive(config, fields, "h2_max_continuation_frames") ?? defaults.MaxContinuationFrames,
            MaxGlitchCount = Positive(config, fields, "h2_max_glitch_count") ?? defaults.MaxGlitchCount,
            InitialConnectionWindow = Math.Max(65_535, Positive(config, fields, "h2_initial_connection_window") ?? defaults.InitialConnectionWindow),
            MaxConcurrentStreams = Positive(config, fields, "h2_max_concurrent_streams") ?? defaults.MaxConcurrentStreams,
            MaxHeaderListSize = Positive(config, fields, "h2_max_header_list_size") ?? defaults.MaxHeaderListSize,
            MaxHeaderFields = Positive(config, fields, "h2_max_header_fields") ?? defaults.MaxHeaderFields,
            StreamIdleTimeout = idle is > 0 ? TimeSpan.FromSeconds(idle.Value) : null,
            GracefulShutdownDeadline = shutdown is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.GracefulShutdownDeadline,
        };
    }

    private static int? Positive(IMessage config, MessageDescriptor.FieldCollection fields, string name) =>
        Field(config, fields, name) is > 0 and long value ? (int)Math.Min(value, int.MaxValue) : null;

    private static long? Field(IMessage config, MessageDescriptor.FieldCollection fields, string name)
    {
        var field = fields.InDeclarationOrder().FirstOrDefault(field => field.Name == name);
        if (field is null || !field.Accessor.HasValue(config))
        {
            return null;
        }

        return Convert.ToInt64(field.Accessor.GetValue(config), System.Globalization.CultureInfo.InvariantCulture);
    }
}
