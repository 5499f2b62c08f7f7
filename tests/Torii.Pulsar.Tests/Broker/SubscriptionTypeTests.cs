using Torii.Pulsar.Proto;
using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

public sealed class SubscriptionTypeTests
{
    [Fact]
    public async Task A_second_exclusive_consumer_is_refused_with_consumer_busy()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer first = await client.CreateConsumerAsync(TestClients.Consumer("exclusive"), timeout.Token);

        var error = await Assert.ThrowsAsync<PulsarServerException>(() => client.CreateConsumerAsync(TestClients.Consumer("exclusive"), timeout.Token));

        Assert.Equal(ServerError.ConsumerBusy, error.Error);
        Assert.True(first.IsConnected);
    }

    [Fact]
    public async Task Shared_consumers_split_the_messages_between_them()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        await using PulsarConsumer one = await client.CreateConsumerAsync(TestClients.Consumer("shared", type: SubscriptionType.Shared), timeout.Token);
        await using PulsarConsumer two = await client.CreateConsumerAsync(TestClients.Consumer("shared", type: SubscriptionType.Shared), timeout.Token);
        await broker.WaitUntilAsync(b => b.GetAvailablePermits("shared", "sub") == 2000, timeout.Token);
        for (int index = 0; index < 10; index++)
        {
            broker.Publish("shared", $"m{index}");
        }

        List<PulsarMessage> toOne = await TestClients.ReceiveAsync(one, 5, timeout.Token);
        List<PulsarMessage> toTwo = await TestClients.ReceiveAsync(two, 5, timeout.Token);

        Assert.Equal(
            Enumerable.Range(0, 10).Select(index => $"m{index}").Order(StringComparer.Ordinal),
            toOne.Concat(toTwo).Select(TestClients.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failover_standby_takes_over_the_unacknowledged_messages()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);
        PulsarConsumer active = await client.CreateConsumerAsync(TestClients.Consumer("failover", type: SubscriptionType.Failover), timeout.Token);
        await using PulsarConsumer standby = await client.CreateConsumerAsync(TestClients.Consumer("failover", type: SubscriptionType.Failover), timeout.Token);
        broker.Publish("failover", "first");
        broker.Publish("failover", "second");

        PulsarMessage first = await active.ReceiveAsync(timeout.Token);
        await active.AcknowledgeAsync(first, timeout.Token);
        await broker.WaitUntilAsync(b => b.GetAcknowledgements("failover", "sub").Count == 1, timeout.Token);
        await active.DisposeAsync();

        PulsarMessage taken = await standby.ReceiveAsync(timeout.Token);

        Assert.Equal("first", TestClients.Text(first));
        Assert.Equal("second", TestClients.Text(taken));
    }
}
