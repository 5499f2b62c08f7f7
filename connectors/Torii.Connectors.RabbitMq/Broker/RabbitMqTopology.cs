using RabbitMQ.Client;

namespace Torii.Connectors.RabbitMq.Broker;

/// <summary>
/// Declares what a connector consumes from: the durable topic exchange, this proxy's durable queue bound to
/// it, and, when configured, a direct dead-letter exchange with this proxy's dead-letter queue.
/// Declaring is idempotent, so every connector and publisher declares what it uses.
/// </summary>
internal static class RabbitMqTopology
{
    public static Task DeclareExchangeAsync(IChannel channel, BrokerSettings broker, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(broker.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    public static async Task DeclareQueueAsync(IChannel channel, BrokerSettings broker, SubscriptionSettings subscription, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, broker, cancellationToken).ConfigureAwait(false);
        Dictionary<string, object?>? arguments = null;
        if (subscription.DeadLetterExchange is { } deadLetterExchange)
        {
            await channel.ExchangeDeclareAsync(deadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            await channel.QueueDeclareAsync(subscription.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken)
                .ConfigureAwait(false);

            // Routed by the queue's name, so that proxies sharing the exchange keep their dead letters apart.
            await channel.QueueBindAsync(subscription.DeadLetterQueue, deadLetterExchange, subscription.Queue, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            arguments = new Dictionary<string, object?>
            {
                ["x-dead-letter-exchange"] = deadLetterExchange,
                ["x-dead-letter-routing-key"] = subscription.Queue,
            };
        }

        await channel.QueueDeclareAsync(subscription.Queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await channel.QueueBindAsync(subscription.Queue, broker.Exchange, subscription.RoutingKey, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
