namespace Torii.Pulsar;

/// <summary>What a client's consumers and producers share: options, connections, lookups and id counters.</summary>
internal sealed class ClientRuntime
{
    private long _lastConsumerId = -1;
    private long _lastProducerId = -1;

    public ClientRuntime(PulsarClientOptions options)
    {
        Options = options;
        Events = new ClientEvents(options.OnEvent);
        Pool = new ConnectionPool(options, Events);
        Lookup = new TopicLookup(Pool, ServiceAddresses.Parse(options.ServiceUrl), Events);
    }

    public PulsarClientOptions Options { get; }

    public ClientEvents Events { get; }

    public ConnectionPool Pool { get; }

    public TopicLookup Lookup { get; }

    public ulong NextConsumerId() => (ulong)Interlocked.Increment(ref _lastConsumerId);

    public ulong NextProducerId() => (ulong)Interlocked.Increment(ref _lastProducerId);

    public Backoff NewBackoff() => new(Options.ReconnectBackoffInitial, Options.ReconnectBackoffMax);
}
