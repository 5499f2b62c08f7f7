using System.Diagnostics;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Pulsar.Testing;

namespace Torii.Connectors.Tests.Pulsar;

[Collection(PulsarCollection.Name)]
public sealed class PulsarPublishCommandTests
{
    [Fact]
    public async Task Publish_sends_json_requests_from_a_file_that_the_connector_then_applies()
    {
        await using PulsarScenario scenario = await PulsarScenario.StartAsync();
        using var folder = new TemporaryFolder();
        string requests = folder.Write("requests.jsonl", """
            {"add_cluster": {"cluster_id": "web", "load_balancing": "ROUND_ROBIN"}}
            {"add_backend": {"cluster_id": "web", "backend_id": "web-1", "address": {"ip": {"v4": 2130706433}, "port": 9001}}}
            """);

        CliResult published = await RunAsync(PublishedConnectors.Pulsar, "publish", requests, "--service-url", scenario.Broker.ServiceUrl, "--topic", scenario.Topic);

        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Contains("published add_cluster to " + scenario.Topic, published.StandardOutput);
        Assert.All(scenario.Broker.GetMessages(scenario.Topic), message => Assert.Equal("application/json", message.Properties["content-type"]));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 2, "both requests applied");
        Assert.Contains("web-1", await RabbitMq.BackendIds.OfAsync(scenario.Torii.Client, "web"));
    }

    [Fact]
    public async Task Publish_refuses_input_that_is_not_a_request_and_sends_nothing()
    {
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync();
        using var folder = new TemporaryFolder();
        string requests = folder.Write("bad.json", "{\"add_cluster\": ");

        CliResult published = await RunAsync(PublishedConnectors.Pulsar, "publish", requests, "--service-url", broker.ServiceUrl, "--topic", "t");

        Assert.Equal(2, published.ExitCode);
        Assert.StartsWith($"torii-pulsar: {requests}, line 1: invalid JSON Request", published.StandardError);
        Assert.Empty(broker.GetMessages("t"));
    }

    private static async Task<CliResult> RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
