namespace Torii.Pulsar;

public enum PulsarClientEventKind
{
    /// <summary>A connection to a broker completed its CONNECT handshake.</summary>
    Connected,

    /// <summary>A connection closed; consumers and producers on it reconnect.</summary>
    ConnectionClosed,

    /// <summary>A lookup was redirected to another broker.</summary>
    LookupRedirected,

    /// <summary>A consumer subscribed (first time or again after a reconnect).</summary>
    Subscribed,

    /// <summary>A producer was registered with the broker (first time or again after a reconnect).</summary>
    ProducerRegistered,

    /// <summary>The broker closed a consumer or producer (CLOSE_CONSUMER, CLOSE_PRODUCER); it reconnects.</summary>
    ClosedByBroker,

    /// <summary>An attempt to (re)connect a consumer or producer failed; another follows after a delay.</summary>
    ReconnectScheduled,

    /// <summary>A connection got no answer to its keep-alive PING and was dropped.</summary>
    KeepAliveTimeout,

    /// <summary>A received message could not be read (bad checksum, unsupported compression) and was acknowledged as invalid.</summary>
    MessageDiscarded,
}
