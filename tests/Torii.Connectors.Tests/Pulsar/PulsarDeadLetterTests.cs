using Torii.Connectors.Monitoring;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Pulsar.Testing;

namespace Torii.Connectors.Tests.Pulsar;

[Collection(PulsarCollection.Name)]
public sealed class PulsarDeadLetterTests
{
    [Fact]
    public async Task A_payload_that_is_not_a_request_goes_to_the_dead_letter_topic_and_a_refused_one_is_counted_and_acknowledged()
    {
        const string deadLetters = "persistent://public/default/torii-dead-letters";
        await using PulsarScenario scenario = await PulsarScenario.StartAsync(connectorArguments: ["--dead-letter-topic", deadLetters]);

        scenario.Broker.Publish(scenario.Topic, "{not json", new Dictionary<string, string> { ["content-type"] = "application/json" });
        scenario.Publish(Requests.Backend("nowhere", "b", 9));
        scenario.Publish(Requests.Cluster("after"));
        await scenario.Connector.WaitForCountersAsync(counters => counters.Received == 3 && counters.Applied == 1, "the three messages settled");

        Assert.Equal(new CounterSnapshot(3, 1, 1, 1, 0), await scenario.Connector.CountersAsync());
        FakeStoredMessage deadLetter = Assert.Single(scenario.Broker.GetMessages(deadLetters));
        Assert.Equal("{not json", deadLetter.PayloadText);
        Assert.StartsWith("invalid JSON Request", deadLetter.Properties["torii-dead-letter-reason"]);
        Assert.Equal(scenario.Topic, deadLetter.Properties["torii-original-topic"]);
        await Eventually.HoldsAsync(() => scenario.Unacknowledged == 0, "every message acknowledged");
    }
}
