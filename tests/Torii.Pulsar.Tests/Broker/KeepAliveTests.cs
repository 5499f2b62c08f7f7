using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

public sealed class KeepAliveTests
{
    [Fact]
    public async Task A_ping_from_the_broker_is_answered_with_a_pong()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("pinged"), timeout.Token);

        await broker.PingClientsAsync(timeout.Token);

        Assert.Equal(1, broker.PongsReceived);
    }

    [Fact]
    public async Task An_idle_client_pings_and_keeps_its_connection_while_the_broker_answers()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        var events = new EventLog();

        // Long enough that a loaded test machine does not delay a PONG past it.
        await using PulsarClient client = TestClients.Create(broker, events, keepAliveInterval: TimeSpan.FromSeconds(1));
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("idle"), timeout.Token);

        await broker.WaitUntilAsync(b => b.PingsReceived >= 2, timeout.Token);

        Assert.True(
            events.Count(PulsarClientEventKind.KeepAliveTimeout) == 0,
            string.Join(Environment.NewLine, events.Events.Select(clientEvent => $"{clientEvent.Kind}: {clientEvent.Message}")));
        Assert.Equal(1, events.Count(PulsarClientEventKind.Connected));
        Assert.Equal(1, broker.Subscribes);
    }

    [Fact]
    public async Task A_broker_that_stops_answering_pings_is_dropped_and_the_consumer_reconnects()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        var events = new EventLog();
        await using PulsarClient client = TestClients.Create(broker, events, keepAliveInterval: TimeSpan.FromMilliseconds(50));
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("hung"), timeout.Token);
        broker.AnswerPings = false;

        await events.WaitForAsync(PulsarClientEventKind.KeepAliveTimeout, 1, timeout.Token);
        broker.AnswerPings = true;
        await broker.WaitUntilAsync(b => b.Subscribes >= 2, timeout.Token);
        broker.Publish("hung", "still delivered");

        Assert.Equal("still delivered", TestClients.Text(await consumer.ReceiveAsync(timeout.Token)));
        Assert.True(events.Count(PulsarClientEventKind.Connected) >= 2);
    }
}
