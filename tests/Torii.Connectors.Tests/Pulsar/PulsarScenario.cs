using System.Text;
using Google.Protobuf;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;
using Torii.Pulsar.Testing;

namespace Torii.Connectors.Tests.Pulsar;

/// <summary>
/// The fake Pulsar broker, a running torii with an HTTP listener, and a torii-pulsar connector beside it
/// subscribed to its own topic.
/// </summary>
public sealed class PulsarScenario : IAsyncDisposable
{
    private static readonly Dictionary<string, string> JsonProperties = new() { ["content-type"] = "application/json" };

    private PulsarScenario(FakePulsarBroker broker, ToriiProcess torii, int httpPort, string name)
    {
        Broker = broker;
        Torii = torii;
        HttpPort = httpPort;
        Topic = $"persistent://public/default/{name}";
        Subscription = $"{name}-proxy";
    }

    public FakePulsarBroker Broker { get; }

    public ToriiProcess Torii { get; private set; }

    public int HttpPort { get; }

    public string Topic { get; }

    public string Subscription { get; }

    public ConnectorProcess Connector { get; private set; } = null!;

    public static async Task<PulsarScenario> StartAsync(string toriiConfig = "", params string[] connectorArguments)
    {
        FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync();
        int httpPort = FreePort.Next();
        ToriiProcess torii = await ToriiProcess.StartAsync($"""
            {toriiConfig}
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{httpPort}"
            """);
        var scenario = new PulsarScenario(broker, torii, httpPort, $"t{Guid.NewGuid():N}"[..12]);
        try
        {
            scenario.Connector = await ConnectorProcess.StartAsync(
                PublishedConnectors.Pulsar,
                ["--proxy-socket", torii.SocketPath, "--service-url", broker.ServiceUrl, "--topic", scenario.Topic, "--subscription", scenario.Subscription, .. connectorArguments],
                torii.Directory);
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Protobuf bytes without properties, as Sōzu's Pulsar connector expects them.</summary>
    public void Publish(Request request) => Broker.Publish(Topic, request.ToByteArray());

    public void PublishJson(Request request) => Broker.Publish(Topic, Encoding.UTF8.GetBytes(ProtocolJson.Format(request)), JsonProperties);

    public int Unacknowledged => Broker.GetUnacknowledgedCount(Topic, Subscription);

    /// <summary>Kills torii (SIGKILL) and starts it again on the same config.toml.</summary>
    public async Task KillAndRestartToriiAsync()
    {
        await Torii.KillAsync();
        await Torii.DisposeAsync();
        Torii = await ToriiProcess.StartExistingAsync(Torii.Directory);
    }

    public async ValueTask DisposeAsync()
    {
        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        await Torii.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
