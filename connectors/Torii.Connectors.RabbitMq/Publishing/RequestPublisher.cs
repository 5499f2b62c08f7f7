using System.Text;
using Google.Protobuf;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Torii.Connectors.Applying;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Protocol;

namespace Torii.Connectors.RabbitMq.Publishing;

/// <summary>
/// Publishes Requests to the exchange as persistent messages with publisher confirms: a publish returns once the
/// broker has taken responsibility for the message. Unroutable messages (no queue bound yet) are reported.
/// </summary>
internal sealed class RequestPublisher : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _exchange;

    private RequestPublisher(IConnection connection, IChannel channel, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = exchange;
    }

    /// <exception cref="BrokerUnreachableException">The broker cannot be reached.</exception>
    public static async Task<RequestPublisher> ConnectAsync(BrokerSettings broker, CancellationToken cancellationToken)
    {
        ConnectionFactory factory = ConnectionFactories.Create(broker, "torii-rabbitmq publisher");
        factory.AutomaticRecoveryEnabled = false;
        IConnection connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // No limit on confirms outstanding: callers bound how many publishes they await together.
            var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null);
            IChannel channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
            await RabbitMqTopology.DeclareExchangeAsync(channel, broker, cancellationToken).ConfigureAwait(false);
            return new RequestPublisher(connection, channel, broker.Exchange);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Publishes one request and waits for the broker's confirm.</summary>
    /// <exception cref="PublishException">The broker refused the message, or no queue is bound for <paramref name="routingKey"/>.</exception>
    public ValueTask PublishAsync(Request request, string routingKey, bool asJson, CancellationToken cancellationToken)
    {
        byte[] body = asJson ? Encoding.UTF8.GetBytes(ProtocolJson.Format(request)) : request.ToByteArray();
        var properties = new BasicProperties
        {
            ContentType = asJson ? RequestDecoder.JsonContentType : RequestDecoder.ProtobufContentType,
            Persistent = true,
            MessageId = Guid.NewGuid().ToString("N"),
        };
        return _channel.BasicPublishAsync(_exchange, routingKey, mandatory: true, properties, body, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.CloseAsync().ConfigureAwait(false);
            await _connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationInterruptedException or IOException)
        {
            // The broker is already gone: nothing to close.
        }

        await _channel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
