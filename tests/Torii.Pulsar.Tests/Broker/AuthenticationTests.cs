using Torii.Pulsar.Proto;
using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task The_token_is_sent_in_connect()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        broker.RequiredAuthToken = "eyJhbGciOiJIUzI1NiJ9.e30.secret";
        await using PulsarClient client = TestClients.Create(broker, authToken: "eyJhbGciOiJIUzI1NiJ9.e30.secret");

        await using PulsarConsumer consumer = await client.CreateConsumerAsync(TestClients.Consumer("secured"), timeout.Token);

        FakeConnectRecord connect = Assert.Single(broker.Connects);
        Assert.Equal("token", connect.AuthMethodName);
        Assert.Equal("eyJhbGciOiJIUzI1NiJ9.e30.secret", connect.AuthData);
        Assert.Equal(12, connect.ProtocolVersion);
        Assert.Equal("Torii.Pulsar 1.0", connect.ClientVersion);
        Assert.True(consumer.IsConnected);
    }

    [Fact]
    public async Task Without_a_token_none_is_sent()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        await using PulsarClient client = TestClients.Create(broker);

        await using PulsarProducer producer = await client.CreateProducerAsync(new ProducerOptions { Topic = "open" }, timeout.Token);

        FakeConnectRecord connect = Assert.Single(broker.Connects);
        Assert.Null(connect.AuthMethodName);
        Assert.Null(connect.AuthData);
    }

    [Fact]
    public async Task A_wrong_token_fails_at_once_with_the_brokers_error()
    {
        using CancellationTokenSource timeout = TestClients.Timeout();
        await using FakePulsarBroker broker = await FakePulsarBroker.StartNewAsync(timeout.Token);
        broker.RequiredAuthToken = "right";
        await using PulsarClient client = TestClients.Create(broker, authToken: "wrong");

        var error = await Assert.ThrowsAsync<PulsarServerException>(() => client.CreateConsumerAsync(TestClients.Consumer("secured"), timeout.Token));

        Assert.Equal(ServerError.AuthenticationError, error.Error);
        Assert.Single(broker.Connects);
    }
}
