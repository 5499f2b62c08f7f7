using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

/// <summary>
/// A running torii with an HTTP listener, a torii-rabbitmq connector beside it consuming its own queue from its
/// own exchange, and a platform publisher on that exchange.
/// </summary>
public sealed class RabbitMqScenario : IAsyncDisposable
{
    private readonly string[] _connectorArguments;

    private RabbitMqScenario(RabbitMqNode node, ToriiProcess torii, int httpPort, string exchange, string queue, string[] connectorArguments)
    {
        Node = node;
        Torii = torii;
        HttpPort = httpPort;
        Exchange = exchange;
        Queue = queue;
        _connectorArguments = connectorArguments;
    }

    public RabbitMqNode Node { get; }

    public ToriiProcess Torii { get; private set; }

    public int HttpPort { get; }

    public string Exchange { get; }

    public string Queue { get; }

    public ConnectorProcess Connector { get; private set; } = null!;

    public PlatformPublisher Publisher { get; private set; } = null!;

    /// <param name="toriiConfig">More of torii's config.toml; an HTTP listener on <see cref="HttpPort"/> is always there.</param>
    /// <param name="connectorArguments">More flags for torii-rabbitmq.</param>
    public static async Task<RabbitMqScenario> StartAsync(RabbitMqNode node, string toriiConfig = "", params string[] connectorArguments)
    {
        int httpPort = FreePort.Next();
        string name = $"t{Guid.NewGuid():N}"[..12];
        ToriiProcess torii = await ToriiProcess.StartAsync($"""
            {toriiConfig}
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{httpPort}"
            """);
        var scenario = new RabbitMqScenario(node, torii, httpPort, $"{name}.exchange", $"{name}.queue", connectorArguments);
        try
        {
            await scenario.StartConnectorAsync();
            scenario.Publisher = await PlatformPublisher.ConnectAsync(node.Url, scenario.Exchange);
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    public async Task StartConnectorAsync()
    {
        Connector = await ConnectorProcess.StartAsync(
            PublishedConnectors.RabbitMq,
            [
                "--proxy-socket", Torii.SocketPath,
                "--url", Node.Url,
                "--exchange", Exchange,
                "--queue", Queue,
                "--recovery-interval-ms", "200",
                .. _connectorArguments,
            ],
            Torii.Directory);
    }

    /// <summary>Kills torii (SIGKILL) and starts it again on the same config.toml.</summary>
    public async Task KillAndRestartToriiAsync()
    {
        await Torii.KillAsync();
        await Torii.DisposeAsync();
        Torii = await ToriiProcess.StartExistingAsync(Torii.Directory);
    }

    public async ValueTask DisposeAsync()
    {
        if (Publisher is not null)
        {
            try
            {
                await Publisher.DisposeAsync();
            }
            catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
            {
                // The broker was stopped by the test.
            }
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        await Torii.DisposeAsync();
    }
}
