using System.Threading.Channels;
using Torii.Connectors.Applying;
using Torii.Connectors.Hosting;
using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;
using Torii.Pulsar;
using Torii.Pulsar.Proto;

namespace Torii.Connectors.Pulsar.Broker;

/// <summary>
/// This proxy's exclusive subscription to the topic, through Torii.Pulsar, which resubscribes by itself after
/// a broker restart; plus a producer on the dead-letter topic when one is configured. Messages wait in a queue
/// as long as the apply window, so a proxy that cannot keep up stops the broker's FLOW permits.
/// </summary>
internal sealed class PulsarSource : IConnectorSource
{
    private readonly PulsarSettings _settings;
    private readonly ConnectorHealth _health;
    private readonly ConnectorLog _log;
    private readonly Channel<SourceMessage> _messages;
    private readonly CancellationTokenSource _stopping = new();
    private PulsarClient? _client;
    private PulsarConsumer? _consumer;
    private PulsarProducer? _deadLetters;
    private Task _pump = Task.CompletedTask;

    public PulsarSource(PulsarSettings settings, ConnectorHealth health, ConnectorLog log)
    {
        _settings = settings;
        _health = health;
        _log = log;
        _messages = Channel.CreateBounded<SourceMessage>(new BoundedChannelOptions(settings.ReceiverQueueSize) { SingleReader = true, SingleWriter = true });
    }

    public ChannelReader<SourceMessage> Messages => _messages.Reader;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _client = new PulsarClient(new PulsarClientOptions
        {
            ServiceUrl = _settings.ServiceUrl,
            AuthToken = _settings.Token,
            ReconnectBackoffMax = TimeSpan.FromSeconds(5),
            OnEvent = OnEvent,
        });
        var subscription = new ConsumerOptions
        {
            Topic = _settings.Topic,
            SubscriptionName = _settings.Subscription,
            SubscriptionType = SubscriptionType.Exclusive,
            InitialPosition = _settings.InitialPosition,
            ReceiverQueueSize = _settings.ReceiverQueueSize,
        };
        _consumer = await RetryAsync("subscribe", token => _client.CreateConsumerAsync(subscription, token), cancellationToken).ConfigureAwait(false);
        if (_settings.DeadLetterTopic is { } deadLetterTopic)
        {
            var producer = new ProducerOptions { Topic = deadLetterTopic };
            _deadLetters = await RetryAsync("open the dead-letter topic", token => _client.CreateProducerAsync(producer, token), cancellationToken).ConfigureAwait(false);
        }

        _health.BrokerUp();
        _log.Info($"consuming {_consumer.Topic} as subscription '{_settings.Subscription}' on {_settings.ServiceUrl}" +
            (_deadLetters is null ? string.Empty : $", dead letters to {_deadLetters.Topic}"));
        _pump = Task.Run(PumpAsync);
    }

    public async ValueTask AcknowledgeAsync(IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        foreach (SourceMessage message in messages)
        {
            await _consumer!.AcknowledgeAsync(((PulsarSourceMessage)message).Message.MessageId, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DeadLetterAsync(SourceMessage message, string reason, CancellationToken cancellationToken)
    {
        PulsarMessage original = ((PulsarSourceMessage)message).Message;
        if (_deadLetters is null)
        {
            _log.Info($"message {message.Id} dropped (no dead_letter_topic configured): {reason}");
        }
        else
        {
            var properties = new Dictionary<string, string>(original.Properties, StringComparer.Ordinal)
            {
                [MessageProperties.DeadLetterReason] = reason,
                [MessageProperties.OriginalMessageId] = message.Id,
                [MessageProperties.OriginalTopic] = original.Topic,
            };
            MessageId stored = await _deadLetters.SendAsync(original.Payload, properties, cancellationToken).ConfigureAwait(false);
            _log.Info($"message {message.Id} sent to dead-letter topic {_deadLetters.Topic} as {stored}: {reason}");
        }

        await _consumer!.AcknowledgeAsync(original.MessageId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _messages.Writer.TryComplete();
        _stopping.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (PulsarMessage message in _consumer!.ReceiveAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                await _messages.Writer.WriteAsync(new PulsarSourceMessage(message), _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Retries until the broker accepts, as it may be starting or still holding this subscription's previous consumer.</summary>
    private async Task<T> RetryAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        while (true)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsWorthRetrying(exception))
            {
                TimeSpan delay = backoff.Next();
                _health.BrokerDown($"cannot {what}: {exception.Message}");
                _log.Warn($"cannot {what} on {_settings.ServiceUrl}: {exception.Message}; retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsWorthRetrying(Exception exception) => exception switch
    {
        PulsarServerException refused => refused.Error is not (ServerError.AuthenticationError or ServerError.AuthorizationError
            or ServerError.InvalidTopicName or ServerError.NotAllowedError or ServerError.UnsupportedVersionError),
        TimeoutException or PulsarConnectionException => true,
        _ => false,
    };

    private void OnEvent(PulsarClientEvent clientEvent)
    {
        switch (clientEvent.Kind)
        {
            case PulsarClientEventKind.Subscribed:
                _health.BrokerUp();
                _log.Info(clientEvent.Message);
                break;
            case PulsarClientEventKind.ConnectionClosed or PulsarClientEventKind.KeepAliveTimeout or PulsarClientEventKind.ClosedByBroker:
                _health.BrokerDown(clientEvent.Message);
                _log.Warn($"{clientEvent.Message}; unacknowledged messages come again once resubscribed");
                break;
            case PulsarClientEventKind.ReconnectScheduled:
                _log.Debug(clientEvent.Message);
                break;
            case PulsarClientEventKind.MessageDiscarded:
                _log.Warn(clientEvent.Message);
                break;
            default:
                _log.Debug(clientEvent.Message);
                break;
        }
    }
}
