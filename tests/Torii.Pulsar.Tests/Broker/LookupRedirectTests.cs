using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

public sealed class LookupRedirectTests
{
    [Fact]
    public async Task A_lookup_redirect_is_followed_to_the_broker_that_owns_the_topic()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker owner = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using FakePulsarBroker entry = await FakePulsarBroker.StartNewAsync(timeout.Token);
        entry.RedirectLookupsTo = owner.ServiceUrl;
        var events = new EventLog();
        await using PulsarClient client = TestClients.Create(entry, events);

        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("owned"), timeout.Token);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "owned" }, timeout.Token);
        await producer.SendAsync("routed"u8.ToArray(), cancellationToken: timeout.Token);
        PulsarMessage message = await consumer.ReceiveAsync(timeout.Token);

        Assert.Equal("routed", TestClients.Text(message));
        Assert.Equal("routed", Assert.Single(owner.GetMessages("owned")).PayloadText);
        Assert.Empty(entry.GetMessages("owned"));
        Assert.Equal(0, entry.GetConsumerCount("owned", "sub"));
        Assert.Equal(1, owner.GetConsumerCount("owned", "sub"));
        Assert.Equal(2, entry.Lookups);
        Assert.Equal(2, owner.Lookups);
        Assert.Contains(events.Events, clientEvent =>
            clientEvent.Kind == PulsarClientEventKind.LookupRedirected && clientEvent.Broker == owner.ServiceUrl);
    }
}
