using Torii.Protocol;

namespace Torii.Client;

public sealed class ToriiClientOptions
{
    /// <summary>Path of the proxy's UNIX command socket.</summary>
    public required string SocketPath { get; init; }

    /// <summary>Most connections opened to the proxy; they are opened only when needed.</summary>
    public int PoolSize { get; init; } = 2;

    /// <summary>
    /// Bound on one request from start to final answer, connecting included;
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause between connection attempts while the socket is missing or refuses.</summary>
    public TimeSpan ConnectBackoffInitial { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The pause doubles up to this value.</summary>
    public TimeSpan ConnectBackoffMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest response frame accepted, header included.</summary>
    public long MaxFrameSize { get; init; } = FrameFormat.DefaultMaxFrameSize;

    /// <summary>
    /// Told about connections made, failed attempts and lost connections, for logging.
    /// Called on the client's own tasks; it must be quick and must not throw.
    /// </summary>
    public Action<ConnectionEvent>? OnConnectionEvent { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(SocketPath, nameof(SocketPath));
        ArgumentOutOfRangeException.ThrowIfLessThan(PoolSize, 1, nameof(PoolSize));
        if (RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectBackoffInitial, TimeSpan.Zero, nameof(ConnectBackoffInitial));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConnectBackoffMax, ConnectBackoffInitial, nameof(ConnectBackoffMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, FrameFormat.HeaderSize, nameof(MaxFrameSize));
    }
}
