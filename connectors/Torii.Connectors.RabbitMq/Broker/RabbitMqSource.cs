using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Torii.Connectors.Applying;
using Torii.Connectors.Hosting;
using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;

namespace Torii.Connectors.RabbitMq.Broker;

/// <summary>
/// Consumes this proxy's queue with manual acknowledgements and a prefetch window. The client library
/// reconnects after the broker goes away and resumes the consumer; the broker then delivers again every
/// message that was not acknowledged, so deliveries from before are marked stale.
/// </summary>
internal sealed class RabbitMqSource : IConnectorSource
{
    private static readonly TimeSpan ChannelCheckInterval = TimeSpan.FromSeconds(1);

    private readonly BrokerSettings _broker;
    private readonly SubscriptionSettings _subscription;
    private readonly ConnectorHealth _health;
    private readonly ConnectorLog _log;
    private readonly Channel<SourceMessage> _messages = Channel.CreateUnbounded<SourceMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _disposing = new();
    private readonly SemaphoreSlim _reopening = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;
    private int _generation;

    public RabbitMqSource(BrokerSettings broker, SubscriptionSettings subscription, ConnectorHealth health, ConnectorLog log)
    {
        _broker = broker;
        _subscription = subscription;
        _health = health;
        _log = log;
    }

    public ChannelReader<SourceMessage> Messages => _messages.Reader;

    /// <summary>Changes each time deliveries made so far can no longer be acknowledged.</summary>
    public int Generation => Volatile.Read(ref _generation);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ConnectionFactory factory = ConnectionFactories.Create(_broker, $"torii-rabbitmq {_subscription.Queue}");
        string where = ConnectionFactories.Describe(factory);
        _connection = await ConnectAsync(factory, where, cancellationToken).ConfigureAwait(false);
        _connection.ConnectionShutdownAsync += OnConnectionShutdownAsync;
        _connection.RecoverySucceededAsync += OnRecoverySucceededAsync;
        _connection.ConnectionRecoveryErrorAsync += OnRecoveryErrorAsync;
        await OpenChannelAsync(cancellationToken).ConfigureAwait(false);
        _health.BrokerUp();
        _log.Info($"consuming queue {_subscription.Queue} (exchange {_broker.Exchange}, routing key {_subscription.RoutingKey}, prefetch {_subscription.Prefetch}) on {where}");
    }

    public async ValueTask AcknowledgeAsync(IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        // One cumulative ack per channel: every earlier delivery on it is settled already.
        for (int i = 0; i < messages.Count; i++)
        {
            var delivery = (RabbitMqMessage)messages[i];
            bool lastOfChannel = i == messages.Count - 1 || !ReferenceEquals(((RabbitMqMessage)messages[i + 1]).Channel, delivery.Channel);
            if (lastOfChannel)
            {
                await delivery.Channel.BasicAckAsync(delivery.DeliveryTag, multiple: true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DeadLetterAsync(SourceMessage message, string reason, CancellationToken cancellationToken)
    {
        var delivery = (RabbitMqMessage)message;
        await delivery.Channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, cancellationToken).ConfigureAwait(false);
        _log.Info(_subscription.DeadLetterExchange is { } exchange
            ? $"message {message.Id} sent to dead-letter exchange {exchange} (queue {_subscription.DeadLetterQueue}): {reason}"
            : $"message {message.Id} dropped (no dead_letter_exchange configured): {reason}");
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync().ConfigureAwait(false);
        _messages.Writer.TryComplete();
        if (_connection is not null)
        {
            try
            {
                await _connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationInterruptedException or IOException or TimeoutException or OperationCanceledException)
            {
                // Closing a connection the broker already dropped: nothing is left to release.
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IConnection> ConnectAsync(ConnectionFactory factory, string where, CancellationToken cancellationToken)
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        while (true)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BrokerUnreachableException exception) when (!IsFatal(exception))
            {
                TimeSpan delay = backoff.Next();
                string reason = $"cannot connect to {where}: {exception.InnerException?.Message ?? exception.Message}";
                _health.BrokerDown(reason);
                if (backoff.Attempts == 1 || backoff.Attempts % 10 == 0)
                {
                    _log.Warn($"{reason}; retrying every few seconds (attempt {backoff.Attempts})");
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A refused login is a configuration error; retrying it would only hide it.
    private static bool IsFatal(BrokerUnreachableException exception) => exception.InnerException is AuthenticationFailureException;

    private async Task OpenChannelAsync(CancellationToken cancellationToken)
    {
        IChannel channel = await _connection!.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await RabbitMqTopology.DeclareQueueAsync(channel, _broker, _subscription, cancellationToken).ConfigureAwait(false);
            await channel.BasicQosAsync(prefetchSize: 0, _subscription.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => OnDelivered(channel, delivery);
            channel.ChannelShutdownAsync += OnChannelShutdownAsync;
            await channel.BasicConsumeAsync(_subscription.Queue, autoAck: false, consumerTag: string.Empty, noLocal: false, exclusive: false, arguments: null, consumer, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _channel = channel;
    }

    private Task OnDelivered(IChannel channel, BasicDeliverEventArgs delivery)
    {
        IReadOnlyBasicProperties properties = delivery.BasicProperties;
        string id = properties.IsMessageIdPresent() ? properties.MessageId! : $"#{delivery.DeliveryTag}";

        // The body's memory belongs to the client library only until this handler returns.
        var message = new RabbitMqMessage(
            this, channel, Generation, delivery.DeliveryTag, id, delivery.Body.ToArray(), properties.ContentType, delivery.Redelivered);
        _messages.Writer.TryWrite(message);
        return Task.CompletedTask;
    }

    private Task OnConnectionShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        if (reason.Initiator == ShutdownInitiator.Application)
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _generation);
        _health.BrokerDown($"connection lost: {reason.ReplyText} ({reason.ReplyCode}); reconnecting");
        _log.Warn($"lost the connection to the broker: {reason.ReplyText} ({reason.ReplyCode}); reconnecting every {_broker.RecoveryInterval.TotalSeconds:0.#} s");
        return Task.CompletedTask;
    }

    private Task OnRecoverySucceededAsync(object sender, AsyncEventArgs args)
    {
        _health.BrokerUp();
        _log.Info("reconnected to the broker; unacknowledged messages are delivered again");
        return Task.CompletedTask;
    }

    private Task OnRecoveryErrorAsync(object sender, ConnectionRecoveryErrorEventArgs args)
    {
        _log.Debug($"reconnecting to the broker failed: {args.Exception.Message}");
        return Task.CompletedTask;
    }

    private Task OnChannelShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        if (reason.Initiator == ShutdownInitiator.Application || _disposing.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _generation);
        _ = ReopenChannelIfLostAsync((IChannel)sender, reason);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The library recovers channels only with their connection. A channel the broker closed on its own
    /// (an error, a consumer timeout) stays closed, so it is replaced here once the connection is up.
    /// </summary>
    private async Task ReopenChannelIfLostAsync(IChannel lost, ShutdownEventArgs reason)
    {
        CancellationToken stopping = _disposing.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(ChannelCheckInterval, stopping).ConfigureAwait(false);
                if (!ReferenceEquals(_channel, lost) || lost.IsOpen)
                {
                    return;
                }

                if (_connection is { IsOpen: true })
                {
                    await ReopenAsync(lost, reason, stopping).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ReopenAsync(IChannel lost, ShutdownEventArgs reason, CancellationToken stopping)
    {
        await _reopening.WaitAsync(stopping).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(_channel, lost))
            {
                return;
            }

            _log.Warn($"the broker closed the channel: {reason.ReplyText} ({reason.ReplyCode}); opening a new one");
            _health.BrokerDown($"channel closed by the broker: {reason.ReplyText}");
            await OpenChannelAsync(stopping).ConfigureAwait(false);
            _health.BrokerUp();
            await lost.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _log.Error($"cannot open a new channel: {exception.Message}; retrying");
            _ = ReopenChannelIfLostAsync(lost, reason);
        }
        finally
        {
            _reopening.Release();
        }
    }
}
