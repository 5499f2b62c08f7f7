namespace Torii.Pulsar.Testing;

/// <summary>A consumer attached to a subscription over one connection, with the permits its FLOW granted.</summary>
internal sealed class FakeBrokerConsumer(FakeBrokerConnection connection, ulong consumerId, FakeBrokerSubscription subscription)
{
    public FakeBrokerConnection Connection { get; } = connection;

    public ulong ConsumerId { get; } = consumerId;

    public FakeBrokerSubscription Subscription { get; } = subscription;

    /// <summary>May go negative: a batch is sent whole once any permit is left, as Pulsar's broker does.</summary>
    public long Permits { get; set; }
}
