using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Testing;

/// <summary>
/// A durable subscription: a cursor over the topic's entries. An entry is either acknowledged,
/// in flight to one consumer, or waiting; entries in flight to a consumer that goes away wait
/// again and are redelivered, lowest entry first, to the next consumer with permits.
/// </summary>
internal sealed class FakeBrokerSubscription(FakeBrokerTopic topic, string name, long firstEntry)
{
    private readonly HashSet<long> _acknowledged = [];
    private readonly Dictionary<long, FakeBrokerConsumer> _inFlight = [];
    private readonly Dictionary<long, uint> _deliveries = [];
    private int _nextShared;

    public string Name { get; } = name;

    public FakeBrokerTopic Topic { get; } = topic;

    public CommandSubscribe.Types.SubType Type { get; set; }

    /// <summary>Attached consumers in arrival order; for Exclusive and Failover the first one is the active one.</summary>
    public List<FakeBrokerConsumer> Consumers { get; } = [];

    /// <summary>Every ACK received, in order, as the client sent it.</summary>
    public List<MessageId> AcknowledgementLog { get; } = [];

    public int UnacknowledgedCount => Topic.Entries.Count(entry => entry.EntryId >= firstEntry && !_acknowledged.Contains(entry.EntryId));

    /// <summary>
    /// Records an individual ack. Only an ack of a whole entry (no batch index) moves the cursor:
    /// a client must not acknowledge a batch until all its messages are done.
    /// </summary>
    public void Acknowledge(MessageIdData id)
    {
        AcknowledgementLog.Add(MessageId.FromProto(id));
        if (!id.HasBatchIndex || id.BatchIndex < 0)
        {
            _acknowledged.Add((long)id.EntryId);
            _inFlight.Remove((long)id.EntryId);
        }
    }

    public void Detach(FakeBrokerConsumer consumer)
    {
        Consumers.Remove(consumer);
        foreach (long entryId in _inFlight.Where(pair => pair.Value == consumer).Select(pair => pair.Key).ToList())
        {
            _inFlight.Remove(entryId);
        }
    }

    /// <summary>Sends waiting entries, in entry order, while a consumer that may receive has permits.</summary>
    public void Dispatch()
    {
        foreach (FakeBrokerEntry entry in Topic.Entries)
        {
            if (entry.EntryId < firstEntry || _acknowledged.Contains(entry.EntryId) || _inFlight.ContainsKey(entry.EntryId))
            {
                continue;
            }

            FakeBrokerConsumer? consumer = NextReceiver();
            if (consumer is null)
            {
                return;
            }

            consumer.Permits -= entry.MessageCount;
            _inFlight[entry.EntryId] = consumer;
            uint earlierDeliveries = _deliveries.GetValueOrDefault(entry.EntryId);
            _deliveries[entry.EntryId] = earlierDeliveries + 1;
            consumer.Connection.SendMessage(consumer.ConsumerId, Topic.IdOf(entry), earlierDeliveries, entry);
        }
    }

    private FakeBrokerConsumer? NextReceiver()
    {
        if (Consumers.Count == 0)
        {
            return null;
        }

        if (Type != CommandSubscribe.Types.SubType.Shared)
        {
            return Consumers[0].Permits > 0 ? Consumers[0] : null;
        }

        for (int tried = 0; tried < Consumers.Count; tried++)
        {
            FakeBrokerConsumer candidate = Consumers[_nextShared++ % Consumers.Count];
            if (candidate.Permits > 0)
            {
                return candidate;
            }
        }

        return null;
    }
}
