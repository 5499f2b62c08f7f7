using Torii.Connectors.Monitoring;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqMetricsTests(SharedRabbitMqNode shared)
{
    [Fact]
    public async Task Metrics_count_the_applied_and_refused_messages_and_promtool_accepts_them()
    {
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(shared.Node);
        await scenario.Publisher.PublishAsync(Requests.Cluster("app"));
        await scenario.Publisher.PublishAsync(Requests.Backend("nowhere", "b", 9));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Applied == 1 && counters.Failed == 1, "one applied, one refused");

        ConnectorSamples metrics = await scenario.Connector.CheckedMetricsAsync("torii-rabbitmq");

        Assert.Equal(new CounterSnapshot(2, 1, 1, 0, 0), metrics.Counters);
        Assert.Equal(2, metrics["torii_connector_apply_duration_seconds_count"]);
        Assert.Equal((1, 1), (metrics["torii_connector_broker_up"], metrics["torii_connector_proxy_up"]));
    }
}
