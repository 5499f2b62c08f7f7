namespace Torii.Proxy.Http2.Client;

/// <summary>The bounds the h2c backend client keeps whatever a backend advertises.</summary>
public static class H2ClientLimits
{
    /// <summary>Streams on one backend connection at most, even when the backend allows more.</summary>
    public const int MaxStreamsPerConnection = 100;

    /// <summary>Connections to one backend at most; a stream beyond their capacity is refused (503).</summary>
    public const int MaxConnectionsPerBackend = 64;

    /// <summary>Our SETTINGS_INITIAL_WINDOW_SIZE: what a backend may send on one stream before the client reads it.</summary>
    public const int StreamReceiveWindow = 256 * 1024;

    /// <summary>The connection receive window: room for several streams' responses at once.</summary>
    public const int ConnectionReceiveWindow = 4 * 1024 * 1024;

    /// <summary>Our SETTINGS_MAX_HEADER_LIST_SIZE (32 octets per field counted, RFC 9113 §6.5.2).</summary>
    public const int MaxHeaderListSize = 64 * 1024;

    /// <summary>Fields in one response header block at most.</summary>
    public const int MaxHeaderFields = 200;

    /// <summary>The HPACK table the backend's encoder may use: the protocol default.</summary>
    public const int HeaderTableSize = 4096;
}
