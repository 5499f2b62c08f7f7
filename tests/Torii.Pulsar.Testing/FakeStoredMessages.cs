using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Testing;

/// <summary>Unpacks stored entries into the messages tests look at.</summary>
internal static class FakeStoredMessages
{
    public static IEnumerable<FakeStoredMessage> Of(FakeBrokerTopic topic, FakeBrokerEntry entry)
    {
        MessageId id = topic.IdOf(entry);
        MessageMetadata metadata = entry.Metadata;
        if (!metadata.HasNumMessagesInBatch)
        {
            yield return new FakeStoredMessage(id, entry.Payload, Properties(metadata.Properties), metadata.ProducerName, metadata.SequenceId);
            yield break;
        }

        IReadOnlyList<BatchEntry> messages = BatchPayload.Read(entry.Payload, metadata.NumMessagesInBatch);
        for (int index = 0; index < messages.Count; index++)
        {
            yield return new FakeStoredMessage(
                id with { BatchIndex = index },
                messages[index].Payload,
                Properties(messages[index].Metadata.Properties),
                metadata.ProducerName,
                metadata.SequenceId + (ulong)index);
        }
    }

    private static Dictionary<string, string> Properties(IEnumerable<KeyValue> properties) =>
        properties.GroupBy(property => property.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal);
}
