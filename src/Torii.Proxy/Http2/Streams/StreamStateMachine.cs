namespace Torii.Proxy.Http2.Streams;

/// <summary>
/// The transitions of RFC 9113 §5.1 from the server's side. "Remote" is the client: its END_STREAM
/// half-closes the stream for receiving; ours half-closes it for sending; RST_STREAM either way closes it.
/// </summary>
public static class StreamStateMachine
{
    public static StreamState OnHeadersReceived(StreamState state, bool endStream, int streamId) => state switch
    {
        StreamState.Idle => endStream ? StreamState.HalfClosedRemote : StreamState.Open,
        // Trailers: the second HEADERS must end the stream (RFC 9113 §8.1).
        StreamState.Open when endStream => StreamState.HalfClosedRemote,
        StreamState.HalfClosedLocal when endStream => StreamState.Closed,
        StreamState.Open or StreamState.HalfClosedLocal =>
            throw new Http2StreamException(streamId, Http2ErrorCode.ProtocolError, "trailers without END_STREAM"),
        _ => throw new Http2StreamException(streamId, Http2ErrorCode.StreamClosed, $"HEADERS on a stream in state {state}"),
    };

    public static StreamState OnDataReceived(StreamState state, bool endStream, int streamId) => state switch
    {
        StreamState.Open => endStream ? StreamState.HalfClosedRemote : StreamState.Open,
        StreamState.HalfClosedLocal => endStream ? StreamState.Closed : StreamState.HalfClosedLocal,
        StreamState.Idle => throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"DATA on idle stream {streamId}"),
        _ => throw new Http2StreamException(streamId, Http2ErrorCode.StreamClosed, $"DATA on a stream in state {state}"),
    };

    public static StreamState OnEndStreamSent(StreamState state) => state switch
    {
        StreamState.Open => StreamState.HalfClosedLocal,
        StreamState.HalfClosedRemote => StreamState.Closed,
        _ => state,
    };

    public static StreamState OnReset(StreamState state) => StreamState.Closed;

    /// <summary>Whether the client may still send DATA or trailers on a stream in this state.</summary>
    public static bool CanReceive(StreamState state) => state is StreamState.Open or StreamState.HalfClosedLocal;
}
