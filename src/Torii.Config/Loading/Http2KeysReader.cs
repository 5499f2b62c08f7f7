using Google.Protobuf;

namespace Torii.Config.Loading;

/// <summary>
/// The h2_* keys of an HTTP or HTTPS listener (Sōzu's names). Each is set on the listener
/// message's field of the same name; both listener messages declare all of them.
/// </summary>
internal static class Http2KeysReader
{
    public static readonly string[] Keys =
    [
        "h2_max_rst_stream_per_window", "h2_max_ping_per_window", "h2_max_settings_per_window",
        "h2_max_empty_data_per_window", "h2_max_window_update_stream0_per_window", "h2_max_continuation_frames",
        "h2_max_glitch_count", "h2_initial_connection_window", "h2_max_concurrent_streams",
        "h2_max_header_list_size", "h2_max_header_fields", "h2_stream_idle_timeout_seconds",
        "h2_graceful_shutdown_deadline_seconds",
    ];

    public static void Read(ConfigSection section, IMessage config)
    {
        foreach (var key in Keys)
        {
            // Zero is meaningful only for the shutdown deadline (wait for every stream).
            var minimum = key == "h2_graceful_shutdown_deadline_seconds" ? 0 : 1;
            if (section.Int32(key, minimum) is { } value)
            {
                config.Descriptor.FindFieldByName(key).Accessor.SetValue(config, (uint)value);
            }
        }
    }
}
