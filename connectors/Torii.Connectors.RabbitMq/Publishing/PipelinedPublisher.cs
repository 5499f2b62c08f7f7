using Google.Protobuf;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Torii.Connectors.Applying;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Protocol;

namespace Torii.Connectors.RabbitMq.Publishing;

/// <summary>
/// Publishes persistent messages as fast as the broker confirms them, keeping a window of unconfirmed ones.
/// Confirms are counted from the broker's (cumulative) acks rather than tracked per message by the client
/// library, which costs the publisher and the broker a header and a task per message.
/// </summary>
internal sealed class PipelinedPublisher : IAsyncDisposable
{
    // The same for every message, and only read by the client library: one instance serves them all.
    private static readonly BasicProperties Properties = new() { ContentType = RequestDecoder.ProtobufContentType, Persistent = true };

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _exchange;
    private readonly Lock _gate = new();
    private TaskCompletionSource _confirmedMore = NewSignal();
    private ulong _published;
    private ulong _confirmed;
    private bool _refused;

    private PipelinedPublisher(IConnection connection, IChannel channel, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = exchange;
        channel.BasicAcksAsync += OnAcksAsync;
        channel.BasicNacksAsync += OnNacksAsync;
    }

    /// <exception cref="BrokerUnreachableException">The broker cannot be reached.</exception>
    public static async Task<PipelinedPublisher> ConnectAsync(BrokerSettings broker, CancellationToken cancellationToken)
    {
        ConnectionFactory factory = ConnectionFactories.Create(broker, "torii-rabbitmq bench");
        factory.AutomaticRecoveryEnabled = false;
        IConnection connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false);
            IChannel channel = await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
            await RabbitMqTopology.DeclareExchangeAsync(channel, broker, cancellationToken).ConfigureAwait(false);
            return new PipelinedPublisher(connection, channel, broker.Exchange);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The body of a request as published: its protobuf bytes.</summary>
    public static ReadOnlyMemory<byte> Body(Request request) => request.ToByteArray();

    /// <summary>Publishes once fewer than <paramref name="window"/> messages await their confirm.</summary>
    /// <param name="body">A request's bytes (<see cref="Body"/>), made beforehand so that a benchmark times the broker, not the encoding.</param>
    /// <exception cref="InvalidOperationException">The broker refused a message.</exception>
    public async Task PublishAsync(ReadOnlyMemory<byte> body, string routingKey, int window, CancellationToken cancellationToken)
    {
        await WaitUntilFewerUnconfirmedThanAsync(window, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _published++;
        }

        await _channel.BasicPublishAsync(_exchange, routingKey, mandatory: false, Properties, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the broker confirmed every message published.</summary>
    public Task WaitForConfirmsAsync(CancellationToken cancellationToken) => WaitUntilFewerUnconfirmedThanAsync(1, cancellationToken);

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

    private async Task WaitUntilFewerUnconfirmedThanAsync(int window, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task confirmedMore;
            lock (_gate)
            {
                ThrowIfRefused();
                if (_published - _confirmed < (ulong)window)
                {
                    return;
                }

                confirmedMore = _confirmedMore.Task;
            }

            await confirmedMore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Task OnAcksAsync(object sender, BasicAckEventArgs confirm)
    {
        lock (_gate)
        {
            // A single queue confirms in order, so the latest tag covers every earlier one.
            _confirmed = Math.Max(_confirmed, confirm.DeliveryTag);
            Signal();
        }

        return Task.CompletedTask;
    }

    private Task OnNacksAsync(object sender, BasicNackEventArgs refusal)
    {
        lock (_gate)
        {
            _refused = true;
            Signal();
        }

        return Task.CompletedTask;
    }

    private void ThrowIfRefused()
    {
        if (_refused)
        {
            throw new InvalidOperationException("the broker refused (nacked) a published message");
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous = _confirmedMore;
        _confirmedMore = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
