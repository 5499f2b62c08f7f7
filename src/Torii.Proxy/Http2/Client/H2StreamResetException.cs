namespace Torii.Proxy.Http2.Client;

/// <summary>A backend stream ended without a complete response: reset by the backend, refused by GOAWAY, or its connection failed.</summary>
public sealed class H2StreamResetException(Http2ErrorCode code, string message) : IOException(message)
{
    public Http2ErrorCode Code { get; } = code;

    /// <summary>The backend never processed the request (REFUSED_STREAM, or beyond its GOAWAY): it may be sent again.</summary>
    public bool Unprocessed { get; init; }
}
