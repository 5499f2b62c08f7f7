namespace Torii.Proxy.Http2;

/// <summary>A connection error (RFC 9113 §5.4.1): the connection ends with GOAWAY carrying <see cref="Code"/>.</summary>
public sealed class Http2ConnectionException(Http2ErrorCode code, string message) : Exception(message)
{
    public Http2ErrorCode Code { get; } = code;
}
