namespace Torii.Pulsar.Testing;

/// <summary>A message as a <see cref="FakePulsarBroker"/> stores it; messages of a batch have their batch index.</summary>
public sealed record FakeStoredMessage(
    MessageId MessageId,
    ReadOnlyMemory<byte> Payload,
    IReadOnlyDictionary<string, string> Properties,
    string ProducerName,
    ulong SequenceId)
{
    public string PayloadText => System.Text.Encoding.UTF8.GetString(Payload.Span);
}
