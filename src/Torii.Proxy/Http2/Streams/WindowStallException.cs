namespace Torii.Proxy.Http2.Streams;

/// <summary>A response waited on a shut flow-control window for the whole stall timeout.</summary>
public sealed class WindowStallException(bool connectionWindow) : Exception("response stalled on a shut flow-control window")
{
    /// <summary>Whether the connection's window, not only the stream's, was shut.</summary>
    public bool ConnectionWindow { get; } = connectionWindow;
}
