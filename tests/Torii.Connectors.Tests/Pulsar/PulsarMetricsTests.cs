using Torii.Connectors.Monitoring;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Pulsar;

[Collection(PulsarCollection.Name)]
public sealed class PulsarMetricsTests
{
    [Fact]
    public async Task Metrics_count_the_applied_and_dead_lettered_messages_and_promtool_accepts_them()
    {
        await using PulsarScenario scenario = await PulsarScenario.StartAsync(connectorArguments: ["--dead-letter-topic", "persistent://public/default/torii-dead-letters"]);
        scenario.Publish(Requests.Cluster("app"));
        scenario.Broker.Publish(scenario.Topic, "{not json", new Dictionary<string, string> { ["content-type"] = "application/json" });
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 1 && counters.DeadLettered == 1, "one applied, one dead-lettered");

        ConnectorSamples metrics = await scenario.Connector.CheckedMetricsAsync("torii-pulsar");

        Assert.Equal(new CounterSnapshot(2, 1, 0, 1, 0), metrics.Counters);
        Assert.Equal(1, metrics["torii_connector_apply_duration_seconds_count"]);
        Assert.Equal((1, 1), (metrics["torii_connector_broker_up"], metrics["torii_connector_proxy_up"]));
    }
}
