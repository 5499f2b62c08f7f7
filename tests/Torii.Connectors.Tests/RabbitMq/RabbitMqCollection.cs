namespace Torii.Connectors.Tests.RabbitMq;

/// <summary>The end-to-end RabbitMQ tests run one after the other: they share a node and each starts several processes.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<SharedRabbitMqNode>
{
    public const string Name = "RabbitMQ end to end";
}
