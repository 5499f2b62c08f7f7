namespace Torii.Connectors.Tests.Pulsar;

/// <summary>The end-to-end Pulsar tests run one after the other: each starts a proxy and a connector process.</summary>
[CollectionDefinition(Name)]
public sealed class PulsarCollection
{
    public const string Name = "Pulsar end to end";
}
