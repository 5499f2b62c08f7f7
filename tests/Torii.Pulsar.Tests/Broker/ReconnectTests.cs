using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

public sealed class ReconnectTests
{
    [Fact]
    public async Task After_the_broker_closes_the_consumer_it_resubscribes_and_gets_the_unacknowledged_messages_again()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        broker.Publish("closed", "one");
        broker.Publish("closed", "two");
        broker.Publish("closed", "three");
        var events = new EventLog();
        await using PulsarClient client = TestClients.Create(broker, events);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("closed"), timeout.Token);
        List<PulsarMessage> first = await TestClients.ReceiveAsync(consumer, 2, timeout.Token);
        await consumer.AcknowledgeAsync(first[0], timeout.Token);
        await broker.WaitUntilAsync(b => b.GetAcknowledgements("closed", "sub").Count == 1, timeout.Token);

        await broker.CloseConsumersAsync();
        await broker.WaitUntilAsync(b => b.Subscribes == 2, timeout.Token);
        List<PulsarMessage> again = await TestClients.ReceiveAsync(consumer, 2, timeout.Token);

        Assert.Equal(["two", "three"], again.Select(TestClients.Text));
        Assert.Equal([first[1].MessageId, first[1].MessageId with { EntryId = first[1].MessageId.EntryId + 1 }], again.Select(message => message.MessageId));
        Assert.Equal(1u, again[0].RedeliveryCount);
        Assert.Equal(1, events.Count(PulsarClientEventKind.ClosedByBroker));
        Assert.Equal(1, broker.OpenConnections);
        Assert.True(consumer.IsConnected);
    }

    [Fact]
    public async Task After_a_dropped_connection_the_consumer_reconnects_and_continues()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        var events = new EventLog();
        await using PulsarClient client = TestClients.Create(broker, events);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("dropped"), timeout.Token);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "dropped" }, timeout.Token);
        await producer.SendAsync("before"u8.ToArray(), cancellationToken: timeout.Token);
        PulsarMessage before = await consumer.ReceiveAsync(timeout.Token);
        await consumer.AcknowledgeAsync(before, timeout.Token);
        await broker.WaitUntilAsync(b => b.GetAcknowledgements("dropped", "sub").Count == 1, timeout.Token);

        await broker.DropConnectionsAsync();
        await broker.WaitUntilAsync(b => b.Subscribes == 2, timeout.Token);
        await producer.SendAsync("after"u8.ToArray(), cancellationToken: timeout.Token);
        PulsarMessage after = await consumer.ReceiveAsync(timeout.Token);

        Assert.Equal("after", TestClients.Text(after));
        Assert.Equal(2, broker.GetMessages("dropped").Count);
        Assert.Contains(events.Events, clientEvent => clientEvent.Kind == PulsarClientEventKind.ConnectionClosed);
        Assert.Contains(events.Events, clientEvent => clientEvent.Kind == PulsarClientEventKind.ReconnectScheduled && clientEvent.RetryDelay > TimeSpan.Zero);
        Assert.Equal(2, events.Count(PulsarClientEventKind.ProducerRegistered));
    }

    [Fact]
    public async Task After_the_broker_closes_the_producer_it_registers_again_and_sends_go_on()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        var events = new EventLog();
        await using PulsarClient client = TestClients.Create(broker, events);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "unloaded", ProducerName = "p1" }, timeout.Token);
        await producer.SendAsync("before"u8.ToArray(), cancellationToken: timeout.Token);

        await broker.CloseProducersAsync();
        await broker.WaitUntilAsync(b => b.ProducerRegistrations == 2, timeout.Token);
        await producer.SendAsync("after"u8.ToArray(), cancellationToken: timeout.Token);

        Assert.Equal(["before", "after"], broker.GetMessages("unloaded").Select(message => message.PayloadText));
        Assert.Equal([0ul, 1ul], broker.GetMessages("unloaded").Select(message => message.SequenceId));
        Assert.Equal(1, events.Count(PulsarClientEventKind.ClosedByBroker));
        Assert.Equal("p1", producer.ProducerName);
    }

    [Fact]
    public async Task A_broker_restarted_on_the_same_port_is_reconnected_to_with_growing_pauses()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        broker.Publish("restart", "unacknowledged");
        var events = new EventLog();
        await using PulsarClient client = TestClients.Create(broker, events);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("restart"), timeout.Token);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "restart" }, timeout.Token);
        Assert.Equal("unacknowledged", TestClients.Text(await consumer.ReceiveAsync(timeout.Token)));

        await broker.StopAsync();
        await events.WaitUntilAsync(log => ConsumerRetryDelays(log).Count >= 4, timeout.Token);
        await broker.StartAsync(timeout.Token);
        await broker.WaitUntilAsync(b => b.Subscribes == 2, timeout.Token);
        await producer.SendAsync("after restart"u8.ToArray(), cancellationToken: timeout.Token);

        Assert.Equal("unacknowledged", TestClients.Text(await consumer.ReceiveAsync(timeout.Token)));
        Assert.Equal("after restart", TestClients.Text(await consumer.ReceiveAsync(timeout.Token)));
        IReadOnlyList<TimeSpan> delays = ConsumerRetryDelays(events.Events);
        Assert.Equal([20, 40, 80, 160], delays.Take(4).Select(delay => delay.TotalMilliseconds));
        Assert.All(delays, delay => Assert.True(delay <= TimeSpan.FromMilliseconds(320), $"pause {delay} exceeds the maximum"));
    }

    private static List<TimeSpan> ConsumerRetryDelays(IReadOnlyList<PulsarClientEvent> events) =>
        [.. events
            .Where(clientEvent => clientEvent.Kind == PulsarClientEventKind.ReconnectScheduled && clientEvent.Message.StartsWith("consumer", StringComparison.Ordinal))
            .Select(clientEvent => clientEvent.RetryDelay)];
}
