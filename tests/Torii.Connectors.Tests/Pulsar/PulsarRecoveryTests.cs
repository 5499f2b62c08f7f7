using System.Net;
using Torii.Connectors.Tests.Infrastructure;
using Torii.Connectors.Tests.RabbitMq;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Tests.Pulsar;

[Collection(PulsarCollection.Name)]
public sealed class PulsarRecoveryTests
{
    private const int Updates = 1000;

    [Fact]
    public async Task After_a_broker_restart_mid_stream_the_connector_resubscribes_by_itself_and_applies_every_update()
    {
        await using PulsarScenario scenario = await PulsarScenario.StartAsync();
        Request[] updates = [.. Enumerable.Range(0, Updates).Select(i => Requests.Backend("app", $"b{i}", 10_000 + i))];
        scenario.Publish(Requests.Cluster("app"));
        foreach (Request update in updates.Take(Updates / 2))
        {
            scenario.Publish(update);
        }

        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied >= 100, "a hundred updates applied");
        await scenario.Broker.StopAsync();
        await Eventually.HoldsAsync(
            async () => (await scenario.Connector.HealthzAsync()) is { Status: HttpStatusCode.ServiceUnavailable, Body: var body } && body.StartsWith("broker: ", StringComparison.Ordinal),
            "healthz 503 naming the broker while it is down");
        await scenario.Broker.StartAsync();
        foreach (Request update in updates.Skip(Updates / 2))
        {
            scenario.Publish(update);
        }

        await AllBackendsAppliedAsync(scenario, updates);
        await scenario.Connector.WaitUntilHealthyAsync();
        Assert.False(scenario.Connector.HasExited);
    }

    [Fact]
    public async Task Killing_torii_while_a_thousand_updates_are_published_loses_none_of_them()
    {
        await using PulsarScenario scenario = await PulsarScenario.StartAsync(toriiConfig: """
            saved_state = "state.json"
            automatic_state_save = true
            """);
        Request[] updates = [.. Enumerable.Range(0, Updates).Select(i => Requests.Backend("app", $"b{i}", 10_000 + i))];
        scenario.Publish(Requests.Cluster("app"));
        foreach (Request update in updates.Take(Updates / 2))
        {
            scenario.Publish(update);
        }

        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied >= 100, "a hundred updates applied");
        await scenario.Torii.KillAsync();
        foreach (Request update in updates.Skip(Updates / 2))
        {
            scenario.Publish(update);
        }

        await scenario.KillAndRestartToriiAsync();
        await AllBackendsAppliedAsync(scenario, updates);
    }

    private static async Task AllBackendsAppliedAsync(PulsarScenario scenario, Request[] updates)
    {
        IReadOnlySet<string> backends = new HashSet<string>();
        await Eventually.HoldsAsync(
            async () =>
            {
                backends = await BackendIds.OfAsync(scenario.Torii.Client, "app");
                return backends.Count == updates.Length;
            },
            () => $"all {updates.Length} backends in torii, has {backends.Count}\n--- connector ---\n{scenario.Connector.Output}",
            TimeSpan.FromSeconds(120));
        Assert.True(updates.Select(update => update.AddBackend.BackendId).ToHashSet().SetEquals(backends));
        await Eventually.HoldsAsync(() => scenario.Unacknowledged == 0, "every message acknowledged");
    }
}
