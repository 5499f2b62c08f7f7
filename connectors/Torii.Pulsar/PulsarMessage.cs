namespace Torii.Pulsar;

/// <summary>A message received by a <see cref="PulsarConsumer"/>.</summary>
public sealed class PulsarMessage
{
    public required string Topic { get; init; }

    /// <summary>Pass this to <see cref="PulsarConsumer.AcknowledgeAsync(MessageId, CancellationToken)"/>.</summary>
    public required MessageId MessageId { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }

    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>When the producer published it (its batch, for a batched message).</summary>
    public required DateTimeOffset PublishTime { get; init; }

    /// <summary>The application's own timestamp, when the producer set one.</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>The partition key, when the producer set one.</summary>
    public string? Key { get; init; }

    public required string ProducerName { get; init; }

    public required ulong SequenceId { get; init; }

    /// <summary>How many times the broker delivered this message before without an ack.</summary>
    public uint RedeliveryCount { get; init; }
}
