using System.Net;
using RabbitMQ.Client.Exceptions;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;
using Xunit.Abstractions;

namespace Torii.Connectors.Tests.RabbitMq;

/// <summary>Restarts its own broker, so that the other tests' node is left alone.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqBrokerRestartTests(ITestOutputHelper output)
{
    private const int MostBeforeRestart = 5000;
    private const int AfterRestart = 500;
    private const int Batch = 10;

    [Fact]
    public async Task After_a_broker_restart_mid_stream_the_connector_recovers_by_itself_and_applies_every_update()
    {
        await using RabbitMqNode node = await RabbitMqNode.StartAsync();
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(node, connectorArguments: ["--prefetch", "10"]);
        Request[] updates = [.. Enumerable.Range(0, MostBeforeRestart + AfterRestart).Select(i => Requests.Backend("app", $"b{i}", 10_000 + (i % 50_000)))];
        await scenario.Publisher.PublishAsync(Requests.Cluster("app"));

        // The platform keeps publishing until the broker goes away under it.
        int confirmed = 0;
        Task streaming = Task.Run(async () =>
        {
            try
            {
                while (confirmed < MostBeforeRestart)
                {
                    await scenario.Publisher.PublishManyAsync(updates.Skip(confirmed).Take(Batch), Batch);
                    Volatile.Write(ref confirmed, confirmed + Batch);
                }
            }
            catch (Exception exception) when (exception is OperationInterruptedException or IOException or PublishException or ObjectDisposedException or OperationCanceledException)
            {
                // The broker stopped; what was not confirmed is published again after the restart.
            }
        });
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied >= 200, "two hundred updates applied");

        await node.StopAsync();
        await streaming;
        await Eventually.HoldsAsync(
            async () => (await scenario.Connector.HealthzAsync()) is { Status: HttpStatusCode.ServiceUnavailable, Body: var body } && body.StartsWith("broker: ", StringComparison.Ordinal),
            "healthz 503 naming the broker while it is down");
        await node.StartAgainAsync();

        int published = Volatile.Read(ref confirmed) + AfterRestart;
        await using (PlatformPublisher publisher = await PlatformPublisher.ConnectAsync(node.Url, scenario.Exchange))
        {
            await publisher.PublishManyAsync(updates.Skip(confirmed).Take(AfterRestart));
        }

        await scenario.Connector.WaitForCountersAsync(
            counters => counters.Applied > published, $"the cluster and all {published} updates applied", TimeSpan.FromSeconds(120));
        IReadOnlySet<string> backends = await BackendIds.OfAsync(scenario.Torii.Client, "app");
        Assert.True(updates.Take(published).Select(update => update.AddBackend.BackendId).ToHashSet().SetEquals(backends));
        await scenario.Connector.WaitUntilHealthyAsync();
        Assert.False(scenario.Connector.HasExited);
        await scenario.Connector.WaitForOutputAsync("reconnected to the broker");

        output.WriteLine($"{published} updates published; counters: {await scenario.Connector.CountersAsync()}; connector CPU {ProcessCpu.Of(scenario.Connector.ProcessId).TotalSeconds:0.00} s");
        output.WriteLine(scenario.Connector.Output);
    }
}
