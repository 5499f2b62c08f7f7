using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;
using Xunit.Abstractions;

namespace Torii.Connectors.Tests.RabbitMq;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqNoLossTests(SharedRabbitMqNode shared, ITestOutputHelper output)
{
    private const int Updates = 1000;

    [Fact]
    public async Task Killing_torii_while_a_thousand_updates_are_published_loses_none_of_them()
    {
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(
            shared.Node,
            toriiConfig: """
                saved_state = "state.json"
                automatic_state_save = true
                """);
        Request[] updates = [.. Enumerable.Range(0, Updates).Select(i => Requests.Backend("app", $"b{i}", 10_000 + i))];
        await scenario.Publisher.PublishAsync(Requests.Cluster("app"));

        // The first half is still being published when torii is killed mid-stream; the second half is published while it is down.
        Task firstHalf = scenario.Publisher.PublishManyAsync(updates.Take(Updates / 2), batch: 10);
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied >= 100, "a hundred updates applied");
        await scenario.Torii.KillAsync();
        await firstHalf;
        await scenario.Publisher.PublishManyAsync(updates.Skip(Updates / 2));
        await scenario.KillAndRestartToriiAsync();

        IReadOnlySet<string> expected = updates.Select(update => update.AddBackend.BackendId).ToHashSet();
        IReadOnlySet<string> backends = new HashSet<string>();
        await Eventually.HoldsAsync(
            async () =>
            {
                backends = await BackendIds.OfAsync(scenario.Torii.Client, "app");
                return backends.Count == Updates;
            },
            () => $"all {Updates} backends in torii, has {backends.Count}\n--- connector ---\n{scenario.Connector.Output}",
            TimeSpan.FromSeconds(120));
        Assert.True(expected.SetEquals(backends));
        await Eventually.HoldsAsync(async () => await scenario.Publisher.MessageCountAsync(scenario.Queue) == 0, "the queue drained");

        output.WriteLine($"counters: {await scenario.Connector.CountersAsync()}; connector CPU {ProcessCpu.Of(scenario.Connector.ProcessId).TotalSeconds:0.00} s");
        output.WriteLine(scenario.Connector.Output);
    }
}
