using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Testing;

/// <summary>One stored entry of a topic: a single message or a whole batch, as a producer sent it.</summary>
internal sealed record FakeBrokerEntry(long EntryId, MessageMetadata Metadata, byte[] Payload)
{
    /// <summary>Messages in the entry, which is also the FLOW permits its delivery uses.</summary>
    public int MessageCount => Metadata.HasNumMessagesInBatch ? Math.Max(1, Metadata.NumMessagesInBatch) : 1;
}
