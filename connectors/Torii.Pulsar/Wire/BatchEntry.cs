using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Wire;

/// <summary>One message packed in a batched entry.</summary>
public readonly record struct BatchEntry(SingleMessageMetadata Metadata, ReadOnlyMemory<byte> Payload);
