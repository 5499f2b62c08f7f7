using Torii.Pulsar.Proto;
using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

public sealed class AcknowledgementTests
{
    [Fact]
    public async Task Individual_acks_are_recorded_by_the_broker()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        for (int index = 0; index < 5; index++)
        {
            broker.Publish("acks", $"m{index}");
        }

        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("acks"), timeout.Token);
        List<PulsarMessage> received = await TestClients.ReceiveAsync(consumer, 5, timeout.Token);

        await consumer.AcknowledgeAsync(received[1], timeout.Token);
        await consumer.AcknowledgeAsync(received[3].MessageId, timeout.Token);
        await broker.WaitUntilAsync(b => b.GetAcknowledgements("acks", "sub").Count == 2, timeout.Token);

        Assert.Equal([received[1].MessageId, received[3].MessageId], broker.GetAcknowledgements("acks", "sub"));
        Assert.Equal(3, broker.GetUnacknowledgedCount("acks", "sub"));
    }

    [Fact]
    public async Task A_batched_entry_is_unpacked_into_its_messages()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        MessageId entry = broker.PublishBatch("batches",
        [
            .. Enumerable.Range(0, 5).Select(index => FakeMessage.FromText($"b{index}", new Dictionary<string, string> { ["n"] = $"{index}" })),
        ]);
        broker.Publish("batches", "after");
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("batches"), timeout.Token);

        List<PulsarMessage> received = await TestClients.ReceiveAsync(consumer, 6, timeout.Token);

        Assert.Equal(["b0", "b1", "b2", "b3", "b4", "after"], received.Select(TestClients.Text));
        Assert.Equal(Enumerable.Range(0, 5).Select(index => entry with { BatchIndex = index }), received.Take(5).Select(message => message.MessageId));
        Assert.Equal(["0", "1", "2", "3", "4"], received.Take(5).Select(message => message.Properties["n"]));
        Assert.False(received[5].MessageId.IsBatched);
    }

    [Fact]
    public async Task A_batch_is_acknowledged_at_the_broker_once_all_its_messages_are()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        MessageId entry = broker.PublishBatch("batch-acks", [.. Enumerable.Range(0, 3).Select(index => FakeMessage.FromText($"b{index}"))]);
        MessageId single = broker.Publish("batch-acks", "single");
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("batch-acks"), timeout.Token);
        List<PulsarMessage> received = await TestClients.ReceiveAsync(consumer, 4, timeout.Token);

        await consumer.AcknowledgeAsync(received[0], timeout.Token);
        await consumer.AcknowledgeAsync(received[2], timeout.Token);
        await consumer.AcknowledgeAsync(received[3], timeout.Token);

        // Acks travel in order on one connection: once the single message's ack is in, any ack of the batch would be too.
        await broker.WaitUntilAsync(b => b.GetAcknowledgements("batch-acks", "sub").Count == 1, timeout.Token);
        Assert.Equal([single], broker.GetAcknowledgements("batch-acks", "sub"));

        await consumer.AcknowledgeAsync(received[1], timeout.Token);
        await broker.WaitUntilAsync(b => b.GetAcknowledgements("batch-acks", "sub").Count == 2, timeout.Token);

        Assert.Equal([single, entry], broker.GetAcknowledgements("batch-acks", "sub"));
        Assert.Equal(0, broker.GetUnacknowledgedCount("batch-acks", "sub"));
    }

    [Fact]
    public async Task Batches_use_one_permit_per_message()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        for (int batch = 0; batch < 6; batch++)
        {
            broker.PublishBatch("batch-flow", [.. Enumerable.Range(0, 3).Select(index => FakeMessage.FromText($"{batch}.{index}"))]);
        }

        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("batch-flow", receiverQueueSize: 4), timeout.Token);

        List<PulsarMessage> received = await TestClients.ReceiveAsync(consumer, 18, timeout.Token);

        Assert.Equal(
            Enumerable.Range(0, 6).SelectMany(batch => Enumerable.Range(0, 3).Select(index => $"{batch}.{index}")),
            received.Select(TestClients.Text));
    }

    [Fact]
    public async Task An_entry_the_client_cannot_read_is_acknowledged_as_invalid_and_skipped()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        var lz4 = new MessageMetadata { ProducerName = "java", SequenceId = 0, PublishTime = 1, Compression = CompressionType.Lz4, UncompressedSize = 10 };
        MessageId unreadable = broker.PublishRaw("mixed", lz4, new byte[] { 1, 2, 3 });
        broker.Publish("mixed", "readable");
        var events = new EventLog();
        await using PulsarClient client = TestClients.Create(broker, events);
        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("mixed"), timeout.Token);

        PulsarMessage message = await consumer.ReceiveAsync(timeout.Token);
        await broker.WaitUntilAsync(b => b.GetAcknowledgements("mixed", "sub").Count == 1, timeout.Token);

        Assert.Equal("readable", TestClients.Text(message));
        Assert.Equal([unreadable], broker.GetAcknowledgements("mixed", "sub"));
        PulsarClientEvent discarded = Assert.Single(events.Events, clientEvent => clientEvent.Kind == PulsarClientEventKind.MessageDiscarded);
        Assert.Contains("LZ4", discarded.Message, StringComparison.OrdinalIgnoreCase);
    }
}
