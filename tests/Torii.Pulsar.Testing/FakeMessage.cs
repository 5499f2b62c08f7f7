namespace Torii.Pulsar.Testing;

/// <summary>A message to put into a topic of a <see cref="FakePulsarBroker"/> directly, as if a producer had sent it.</summary>
public sealed record FakeMessage(ReadOnlyMemory<byte> Payload, IReadOnlyDictionary<string, string>? Properties = null)
{
    public static FakeMessage FromText(string text, IReadOnlyDictionary<string, string>? properties = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), properties);
}
