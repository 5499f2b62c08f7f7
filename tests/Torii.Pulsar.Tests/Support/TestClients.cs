using Torii.Pulsar.Testing;

namespace Torii.Pulsar.Tests;

/// <summary>Clients for tests against a fake broker: short backoff so that reconnects happen quickly.</summary>
internal static class TestClients
{
    public static PulsarClient Create(
        FakePulsarBroker broker, EventLog? events = null, string? authToken = null, TimeSpan? keepAliveInterval = null) =>
        new(new PulsarClientOptions
        {
            ServiceUrl = broker.ServiceUrl,
            AuthToken = authToken,
            OperationTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ReconnectBackoffInitial = TimeSpan.FromMilliseconds(20),
            ReconnectBackoffMax = TimeSpan.FromMilliseconds(320),
            KeepAliveInterval = keepAliveInterval ?? TimeSpan.FromSeconds(30),
            OnEvent = events is null ? null : events.Add,
        });

    public static ConsumerOptions Consumer(
        string topic,
        string subscription = "sub",
        SubscriptionType type = SubscriptionType.Exclusive,
        int receiverQueueSize = 1000) => new()
        {
            Topic = topic,
            SubscriptionName = subscription,
            SubscriptionType = type,
            InitialPosition = SubscriptionInitialPosition.Earliest,
            ReceiverQueueSize = receiverQueueSize,
        };

    /// <summary>A bound for every wait of a test, so that a broken expectation fails instead of hanging.</summary>
    public static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(20));

    public static string Text(PulsarMessage message) => System.Text.Encoding.UTF8.GetString(message.Payload.Span);

    public static async Task<List<PulsarMessage>> ReceiveAsync(PulsarConsumer consumer, int count, CancellationToken cancellationToken)
    {
        var messages = new List<PulsarMessage>(count);
        while (messages.Count < count)
        {
            messages.Add(await consumer.ReceiveAsync(cancellationToken));
        }

        return messages;
    }
}
