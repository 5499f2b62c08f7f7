using Torii.Connectors.Monitoring;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqDeadLetterTests(SharedRabbitMqNode shared)
{
    [Fact]
    public async Task A_message_that_is_not_a_request_goes_to_the_dead_letter_queue_and_a_refused_one_is_counted_and_acknowledged()
    {
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(shared.Node, connectorArguments: ["--dead-letter-exchange", "torii.dead"]);

        await scenario.Publisher.PublishRawAsync("not a request"u8.ToArray(), "application/json");
        await scenario.Publisher.PublishAsync(Requests.Backend("nowhere", "b", 9));
        await scenario.Publisher.PublishAsync(Requests.Cluster("after"));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Received == 3 && counters.Applied == 1, "the three messages settled");

        Assert.Equal(new CounterSnapshot(3, 1, 1, 1, 0), await scenario.Connector.CountersAsync());
        await Eventually.HoldsAsync(
            async () => await scenario.Publisher.MessageCountAsync($"{scenario.Queue}.dead-letter") == 1,
            "the message in the dead-letter queue");
        Assert.Equal(0u, await scenario.Publisher.MessageCountAsync(scenario.Queue));
        await scenario.Connector.WaitForOutputAsync("the proxy refused add_backend");
    }

    [Fact]
    public async Task Refused_requests_are_dead_lettered_too_when_configured()
    {
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(
            shared.Node, connectorArguments: ["--dead-letter-exchange", "torii.dead", "--dead-letter-failed"]);

        await scenario.Publisher.PublishRawAsync([0xff, 0xff, 0xff], contentType: null);
        await scenario.Publisher.PublishAsync(Requests.Backend("nowhere", "b", 9));
        await scenario.Connector.WaitForCountersAsync(counters => counters.DeadLettered == 2, "both dead-lettered");

        await Eventually.HoldsAsync(
            async () => await scenario.Publisher.MessageCountAsync($"{scenario.Queue}.dead-letter") == 2,
            "two messages in the dead-letter queue");
        Assert.Equal(1, (await scenario.Connector.CountersAsync()).Failed);
    }
}
