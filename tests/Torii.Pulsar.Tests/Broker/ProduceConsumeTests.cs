using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

public sealed class ProduceConsumeTests
{
    [Fact]
    public async Task Produced_messages_are_consumed_in_order_with_their_properties()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("updates"), timeout.Token);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "updates", ProducerName = "cli" }, timeout.Token);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var sent = new List<MessageId>();
        for (int index = 0; index < 20; index++)
        {
            var properties = new Dictionary<string, string> { ["index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            sent.Add(await producer.SendAsync(System.Text.Encoding.UTF8.GetBytes($"message {index}"), properties, timeout.Token));
        }

        List<PulsarMessage> received = await TestClients.ReceiveAsync(consumer, 20, timeout.Token);

        Assert.Equal(Enumerable.Range(0, 20).Select(index => $"message {index}"), received.Select(TestClients.Text));
        Assert.Equal(sent, received.Select(message => message.MessageId));
        Assert.Equal(Enumerable.Range(0, 20).Select(index => index.ToString(System.Globalization.CultureInfo.InvariantCulture)), received.Select(message => message.Properties["index"]));
        Assert.Equal(Enumerable.Range(0, 20).Select(index => (ulong)index), received.Select(message => message.SequenceId));
        Assert.All(received, message =>
        {
            Assert.Equal("persistent://public/default/updates", message.Topic);
            Assert.Equal("cli", message.ProducerName);
            Assert.InRange(message.PublishTime, before, DateTimeOffset.UtcNow.AddSeconds(1));
        });
        Assert.Equal(20, broker.GetMessages("updates").Count);
    }

    [Fact]
    public async Task The_broker_stores_what_the_producer_sent()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "acme/prod/updates" }, timeout.Token);

        MessageId id = await producer.SendAsync("{\"x\":1}"u8.ToArray(), new Dictionary<string, string> { ["content-type"] = "application/json" }, timeout.Token);

        FakeStoredMessage stored = Assert.Single(broker.GetMessages("persistent://acme/prod/updates"));
        Assert.Equal(id, stored.MessageId);
        Assert.Equal("{\"x\":1}", stored.PayloadText);
        Assert.Equal("application/json", stored.Properties["content-type"]);
        Assert.Equal(producer.ProducerName, stored.ProducerName);
        Assert.StartsWith("fake-broker-producer-", producer.ProducerName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_sends_are_pipelined_and_stored_in_sequence_order()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "burst" }, timeout.Token);

        MessageId[] ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(index =>
            producer.SendAsync(BitConverter.GetBytes(index), cancellationToken: timeout.Token).AsTask()));

        Assert.Equal(50, ids.Distinct().Count());
        IReadOnlyList<FakeStoredMessage> stored = broker.GetMessages("burst");
        Assert.Equal(Enumerable.Range(0, 50).Select(index => (ulong)index), stored.Select(message => message.SequenceId));
    }

    [Fact]
    public async Task A_message_larger_than_the_broker_accepts_is_refused_and_the_producer_goes_on()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        broker.MaxMessageSize = 1024;
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "small" }, timeout.Token);

        var error = await Assert.ThrowsAsync<PulsarException>(async () => await producer.SendAsync(new byte[2000], cancellationToken: timeout.Token));
        await producer.SendAsync(new byte[100], cancellationToken: timeout.Token);

        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
        Assert.Single(broker.GetMessages("small"));
    }

    [Fact]
    public async Task A_latest_subscription_starts_after_what_the_topic_already_holds()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        broker.Publish("news", "old 1");
        broker.Publish("news", "old 2");
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer latest = await client.CreateConsumerAsync(
            new ConsumerOptions { Topic = "news", SubscriptionName = "latest", InitialPosition = SubscriptionInitialPosition.Latest }, timeout.Token);
        await using PulsarConsumer earliest = await client.CreateConsumerAsync(
            new ConsumerOptions { Topic = "news", SubscriptionName = "earliest", InitialPosition = SubscriptionInitialPosition.Earliest }, timeout.Token);

        broker.Publish("news", "new");

        Assert.Equal("new", TestClients.Text(await latest.ReceiveAsync(timeout.Token)));
        Assert.Equal(["old 1", "old 2", "new"], (await TestClients.ReceiveAsync(earliest, 3, timeout.Token)).Select(TestClients.Text));
    }

    [Fact]
    public async Task Flow_permits_are_given_back_as_messages_are_received()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        for (int index = 0; index < 25; index++)
        {
            broker.Publish("many", $"m{index}");
        }

        await using PulsarClient client = TestClients.Create(broker);

        // Four permits at a time: without refills only the first four would ever arrive.
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("many", receiverQueueSize: 4), timeout.Token);
        List<PulsarMessage> received = await TestClients.ReceiveAsync(consumer, 25, timeout.Token);

        Assert.Equal(Enumerable.Range(0, 25).Select(index => $"m{index}"), received.Select(TestClients.Text));
    }

    [Fact]
    public async Task Receiving_as_a_stream_yields_messages_until_cancelled()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("stream"), timeout.Token);
        broker.Publish("stream", "a");
        broker.Publish("stream", "b");

        var texts = new List<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (PulsarMessage message in consumer.ReceiveAllAsync(stop.Token))
            {
                texts.Add(TestClients.Text(message));
                if (texts.Count == 2)
                {
                    await stop.CancelAsync();
                }
            }
        });

        Assert.Equal(["a", "b"], texts);
    }

    [Fact]
    public async Task A_partitioned_topic_is_refused_plainly()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        broker.SetPartitions("split", 3);
        await using PulsarClient client = TestClients.Create(broker);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.CreateConsumerAsync(TestClients.Consumer("split"), timeout.Token));

        Assert.Contains("3 partitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_a_consumer_closes_it_at_the_broker()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("closing"), timeout.Token);
        Assert.Equal(1, broker.GetConsumerCount("closing", "sub"));

        await consumer.DisposeAsync();

        await broker.WaitUntilAsync(b => b.GetConsumerCount("closing", "sub") == 0, timeout.Token);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await consumer.ReceiveAsync(timeout.Token));
    }
}
