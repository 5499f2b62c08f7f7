using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

public sealed class PulsarClientOptions
{
    /// <summary>
    /// Where lookups go: <c>pulsar://host:port</c> (port 6650 when left out), or several hosts
    /// <c>pulsar://a:6650,b:6650</c> tried in turn. TLS (<c>pulsar+ssl://</c>) is not supported.
    /// </summary>
    public string ServiceUrl { get; init; } = "pulsar://127.0.0.1:6650";

    /// <summary>Sent in CONNECT with the auth method <c>token</c> (a JWT, as <c>AuthenticationToken</c> does); none when null.</summary>
    public string? AuthToken { get; init; }

    /// <summary>Bound on one request to a broker (lookup, subscribe, producer, send receipt) and on creating a consumer or producer.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on opening a TCP connection and completing its CONNECT handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause before reconnecting a consumer or producer; it doubles after each failed attempt.</summary>
    public TimeSpan ReconnectBackoffInitial { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest pause between reconnect attempts.</summary>
    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A connection that received nothing for this long sends a PING; if the next interval passes
    /// without anything arriving, the connection is dropped.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest frame accepted from a broker, size field included; bigger ones close the connection.</summary>
    public int MaxFrameSize { get; init; } = FrameFormat.DefaultMaxFrameSize;

    /// <summary>The client version sent in CONNECT.</summary>
    public string ClientVersion { get; init; } = "Torii.Pulsar 1.0";

    /// <summary>
    /// Told about connections, reconnects and discarded messages, for logging. Called on the
    /// client's own tasks; it must be quick and must not throw.
    /// </summary>
    public Action<PulsarClientEvent>? OnEvent { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ServiceUrl, nameof(ServiceUrl));
        try
        {
            _ = ServiceAddresses.Parse(ServiceUrl);
        }
        catch (FormatException error)
        {
            throw new ArgumentException(error.Message, nameof(ServiceUrl), error);
        }

        if (AuthToken is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(AuthToken, nameof(AuthToken));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OperationTimeout, TimeSpan.Zero, nameof(OperationTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectBackoffInitial, TimeSpan.Zero, nameof(ReconnectBackoffInitial));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconnectBackoffMax, ReconnectBackoffInitial, nameof(ReconnectBackoffMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveInterval, TimeSpan.FromMilliseconds(10), nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 1024, nameof(MaxFrameSize));
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientVersion, nameof(ClientVersion));
    }
}
