namespace Torii.Pulsar;

public sealed class ConsumerOptions
{
    /// <summary>
    /// The topic: <c>persistent://tenant/namespace/topic</c>, <c>tenant/namespace/topic</c>, or a bare
    /// name in <c>public/default</c>. Partitioned topics are not supported.
    /// </summary>
    public required string Topic { get; init; }

    public required string SubscriptionName { get; init; }

    public SubscriptionType SubscriptionType { get; init; } = SubscriptionType.Exclusive;

    public SubscriptionInitialPosition InitialPosition { get; init; } = SubscriptionInitialPosition.Latest;

    /// <summary>
    /// Messages the broker may push ahead of <see cref="PulsarConsumer.ReceiveAsync"/> (FLOW permits);
    /// more are asked for once half of them have been received.
    /// </summary>
    public int ReceiverQueueSize { get; init; } = 1000;

    /// <summary>Shown in the broker's stats; the broker picks one when null.</summary>
    public string? ConsumerName { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Topic, nameof(Topic));
        ArgumentException.ThrowIfNullOrWhiteSpace(SubscriptionName, nameof(SubscriptionName));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiverQueueSize, 1, nameof(ReceiverQueueSize));
        if (!Enum.IsDefined(SubscriptionType))
        {
            throw new ArgumentOutOfRangeException(nameof(SubscriptionType), SubscriptionType, "unknown subscription type");
        }

        if (!Enum.IsDefined(InitialPosition))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialPosition), InitialPosition, "unknown initial position");
        }
    }
}
