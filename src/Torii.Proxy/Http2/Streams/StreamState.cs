namespace Torii.Proxy.Http2.Streams;

/// <summary>The stream states of RFC 9113 §5.1 that a server without push uses (no reserved states).</summary>
public enum StreamState
{
    Idle,
    Open,
    HalfClosedRemote,
    HalfClosedLocal,
    Closed,
}
