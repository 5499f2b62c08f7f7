namespace Torii.Proxy.Http2;

/// <summary>
/// A listener's HTTP/2 settings and defences, from Sōzu's h2_* listener fields; an absent field
/// keeps the default here, which is Sōzu's default too.
/// </summary>
public sealed record Http2Limits
{
    public static readonly Http2Limits Default = new();

    public int MaxRstStreamPerWindow { get; init; } = 100;

    public int MaxPingPerWindow { get; init; } = 100;

    public int MaxSettingsPerWindow { get; init; } = 50;

    public int MaxEmptyDataPerWindow { get; init; } = 100;

    public int MaxWindowUpdateStream0PerWindow { get; init; } = 100;

    /// <summary>CONTINUATION frames one header block may span.</summary>
    public int MaxContinuationFrames { get; init; } = 20;

    public int MaxGlitchCount { get; init; } = 100;

    /// <summary>Our connection-level receive window, granted right after the preface.</summary>
    public int InitialConnectionWindow { get; init; } = 1 << 20;

    public int MaxConcurrentStreams { get; init; } = 100;

    /// <summary>SETTINGS_MAX_HEADER_LIST_SIZE: name + value + 32 per field, summed over a block.</summary>
    public int MaxHeaderListSize { get; init; } = 65_536;

    public int MaxHeaderFields { get; init; } = 128;

    /// <summary>How long a response may wait on a shut window before its stream is reset; null: max(30 s, back_timeout).</summary>
    public TimeSpan? StreamIdleTimeout { get; init; }

    /// <summary>How long a soft stop waits for streams after GOAWAY; zero waits for all of them.</summary>
    public TimeSpan GracefulShutdownDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether a plain HTTP listener answers the h2c prior-knowledge preface.</summary>
    public bool AcceptCleartext { get; init; } = true;
}
