using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

/// <summary>One RabbitMQ node for the tests of the collection; each test uses its own exchange and queue on it.</summary>
public sealed class SharedRabbitMqNode : IAsyncLifetime
{
    private RabbitMqNode? _node;

    public RabbitMqNode Node => _node ?? throw new InvalidOperationException("the node has not started");

    public async Task InitializeAsync() => _node = await RabbitMqNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
