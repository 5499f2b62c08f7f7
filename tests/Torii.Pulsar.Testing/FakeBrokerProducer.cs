namespace Torii.Pulsar.Testing;

/// <summary>A producer registered over one connection.</summary>
internal sealed record FakeBrokerProducer(ulong ProducerId, string Name, FakeBrokerTopic Topic);
