using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Testing;

/// <summary>Everything the fake broker remembers, across restarts too. Guard every access with <see cref="Gate"/>.</summary>
internal sealed class FakeBrokerState
{
    private ulong _lastLedgerId;
    private int _lastProducerNumber;

    public Lock Gate { get; } = new();

    public Dictionary<string, FakeBrokerTopic> Topics { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, uint> Partitions { get; } = new(StringComparer.Ordinal);

    public List<FakeConnectRecord> Connects { get; } = [];

    public HashSet<FakeBrokerConnection> Connections { get; } = [];

    public int Lookups { get; set; }

    public int Subscribes { get; set; }

    public int ProducerRegistrations { get; set; }

    public int PingsReceived { get; set; }

    public int PongsReceived { get; set; }

    public FakeBrokerTopic Topic(string name)
    {
        if (!Topics.TryGetValue(name, out FakeBrokerTopic? topic))
        {
            topic = new FakeBrokerTopic(name, ++_lastLedgerId);
            Topics[name] = topic;
        }

        return topic;
    }

    public string NextProducerName() => $"fake-broker-producer-{++_lastProducerNumber}";

    /// <summary>Appends an entry and delivers it to subscriptions with waiting consumers.</summary>
    public MessageId Append(FakeBrokerTopic topic, MessageMetadata metadata, byte[] payload)
    {
        var entry = new FakeBrokerEntry(topic.Entries.Count, metadata, payload);
        topic.Entries.Add(entry);
        foreach (FakeBrokerSubscription subscription in topic.Subscriptions.Values)
        {
            subscription.Dispatch();
        }

        return topic.IdOf(entry);
    }

    public void Detach(FakeBrokerConsumer consumer)
    {
        consumer.Connection.Consumers.Remove(consumer.ConsumerId);
        consumer.Subscription.Detach(consumer);

        // What was in flight to it now goes to the next consumer, as a redelivery.
        consumer.Subscription.Dispatch();
    }

    public void Forget(FakeBrokerConnection connection)
    {
        if (!Connections.Remove(connection))
        {
            return;
        }

        foreach (FakeBrokerConsumer consumer in connection.Consumers.Values.ToList())
        {
            Detach(consumer);
        }

        connection.Producers.Clear();
    }
}
