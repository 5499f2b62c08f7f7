using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

/// <summary>Turns a MESSAGE frame into the messages the application sees: one, or one per entry of a batch.</summary>
internal static class MessageUnpacker
{
    /// <exception cref="InvalidMessageException">The payload cannot be decompressed or its batch does not parse.</exception>
    public static IReadOnlyList<PulsarMessage> Unpack(
        string topic, CommandMessage command, MessageMetadata metadata, ReadOnlyMemory<byte> payload, int maxSize)
    {
        MessageId entryId = MessageId.FromProto(command.MessageId).Entry;
        ReadOnlyMemory<byte> data = MessageDecompressor.Decompress(metadata, payload, maxSize);
        if (!metadata.HasNumMessagesInBatch)
        {
            return [Single(topic, command, metadata, entryId, data)];
        }

        int count = metadata.NumMessagesInBatch;
        if (count < 1)
        {
            throw new InvalidMessageException(CommandAck.Types.ValidationError.BatchDeSerializeError, $"batch of {count} messages");
        }

        IReadOnlyList<BatchEntry> entries;
        try
        {
            entries = BatchPayload.Read(data, count);
        }
        catch (PulsarProtocolException error)
        {
            throw new InvalidMessageException(CommandAck.Types.ValidationError.BatchDeSerializeError, error.Message, error);
        }

        var messages = new PulsarMessage[entries.Count];
        for (int index = 0; index < entries.Count; index++)
        {
            messages[index] = Batched(topic, command, metadata, entryId with { BatchIndex = index }, entries[index]);
        }

        return messages;
    }

    /// <summary>The FLOW permits a MESSAGE frame used: one per message it carries.</summary>
    public static int PermitsOf(MessageMetadata? metadata) =>
        metadata is { HasNumMessagesInBatch: true, NumMessagesInBatch: > 1 } ? metadata.NumMessagesInBatch : 1;

    private static PulsarMessage Single(string topic, CommandMessage command, MessageMetadata metadata, MessageId id, ReadOnlyMemory<byte> payload) => new()
    {
        Topic = topic,
        MessageId = id,
        Payload = payload,
        Properties = ToDictionary(metadata.Properties),
        PublishTime = FromUnixMilliseconds(metadata.PublishTime),
        EventTime = metadata.EventTime > 0 ? FromUnixMilliseconds(metadata.EventTime) : null,
        Key = metadata.HasPartitionKey ? metadata.PartitionKey : null,
        ProducerName = metadata.ProducerName,
        SequenceId = metadata.SequenceId,
        RedeliveryCount = command.RedeliveryCount,
    };

    private static PulsarMessage Batched(string topic, CommandMessage command, MessageMetadata metadata, MessageId id, BatchEntry entry)
    {
        SingleMessageMetadata single = entry.Metadata;
        ulong eventTime = single.EventTime > 0 ? single.EventTime : metadata.EventTime;
        return new PulsarMessage
        {
            Topic = topic,
            MessageId = id,
            Payload = entry.Payload,
            Properties = ToDictionary(single.Properties),
            PublishTime = FromUnixMilliseconds(metadata.PublishTime),
            EventTime = eventTime > 0 ? FromUnixMilliseconds(eventTime) : null,
            Key = single.HasPartitionKey ? single.PartitionKey : null,
            ProducerName = metadata.ProducerName,

            // Producers that do not set per-message sequence ids number a batch's messages from the entry's.
            SequenceId = single.HasSequenceId ? single.SequenceId : metadata.SequenceId + (ulong)id.BatchIndex,
            RedeliveryCount = command.RedeliveryCount,
        };
    }

    private static Dictionary<string, string> ToDictionary(IEnumerable<KeyValue> properties)
    {
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValue property in properties)
        {
            dictionary[property.Key] = property.Value;
        }

        return dictionary;
    }

    private static DateTimeOffset FromUnixMilliseconds(ulong milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(milliseconds, (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
}
