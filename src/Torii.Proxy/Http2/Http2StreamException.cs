namespace Torii.Proxy.Http2;

/// <summary>A stream error (RFC 9113 §5.4.2): the stream ends with RST_STREAM carrying <see cref="Code"/>; the connection carries on.</summary>
public sealed class Http2StreamException(int streamId, Http2ErrorCode code, string message) : Exception(message)
{
    public int StreamId { get; } = streamId;

    public Http2ErrorCode Code { get; } = code;
}
