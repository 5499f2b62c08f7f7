using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

/// <summary>
/// A subscription to one topic. Messages arrive in topic order (per consumer, for Shared); a
/// batched entry is unpacked into its messages, each with its own <see cref="MessageId"/>.
/// </summary>
/// <remarks>
/// <para>
/// When the connection drops or the broker sends CLOSE_CONSUMER, the consumer looks the topic
/// up again and resubscribes, pausing with backoff between attempts, for as long as it lives.
/// Messages received but not yet handed out are dropped then, and every message not
/// acknowledged is delivered again by the broker after the resubscribe: delivery is at least
/// once, and a message handed out before the reconnect may come again.
/// </para>
/// <para>
/// Acknowledgements go on the current connection without an answer from the broker (Pulsar's
/// protocol has none); one made while no connection is up is dropped, and the broker redelivers that message.
/// </para>
/// </remarks>
public sealed class PulsarConsumer : IAsyncDisposable
{
    private readonly ClientRuntime _runtime;
    private readonly ConsumerOptions _options;
    private readonly ulong _consumerId;
    private readonly Action<PulsarConsumer> _onDisposed;
    private readonly Channel<QueuedMessage> _queue = Channel.CreateUnbounded<QueuedMessage>();
    private readonly ConcurrentDictionary<MessageId, BatchAckTracker> _batches = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Backoff _backoff;
    private readonly int _refillThreshold;
    private ConsumerSession? _session;
    private int _epoch;
    private int _receivedSinceFlow;
    private Task _supervisor = Task.CompletedTask;
    private int _disposed;

    internal PulsarConsumer(ClientRuntime runtime, ConsumerOptions options, Action<PulsarConsumer> onDisposed)
    {
        _runtime = runtime;
        _options = options;
        _onDisposed = onDisposed;
        _consumerId = runtime.NextConsumerId();
        _backoff = runtime.NewBackoff();
        _refillThreshold = Math.Max(1, options.ReceiverQueueSize / 2);
        Topic = TopicName.Normalize(options.Topic);
    }

    /// <summary>The full topic name (<c>persistent://tenant/namespace/topic</c>).</summary>
    public string Topic { get; }

    public string SubscriptionName => _options.SubscriptionName;

    /// <summary>True while subscribed on a live connection.</summary>
    public bool IsConnected => Volatile.Read(ref _session) is { IsLost: false };

    /// <summary>The next message, waiting for one if none is queued.</summary>
    /// <exception cref="ObjectDisposedException">The consumer was disposed.</exception>
    public async ValueTask<PulsarMessage> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        while (true)
        {
            QueuedMessage queued;
            try
            {
                queued = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw new ObjectDisposedException(nameof(PulsarConsumer), "the consumer was disposed while waiting for a message");
            }

            if (queued.Epoch != Volatile.Read(ref _epoch))
            {
                // Received before a reconnect: the broker delivers it again on the new subscription.
                continue;
            }

            CountReceived(1);
            return queued.Message;
        }
    }

    /// <summary>Every message, as it arrives, until the consumer is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<PulsarMessage> ReceiveAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            PulsarMessage message;
            try
            {
                message = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                yield break;
            }

            yield return message;
        }
    }

    /// <summary>
    /// Acknowledges one message (individual ack). For a message of a batch, the batch's entry is
    /// acknowledged at the broker once all messages of the batch are.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The consumer was disposed.</exception>
    public ValueTask AcknowledgeAsync(MessageId messageId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        MessageId acknowledged = messageId;
        if (messageId.IsBatched)
        {
            MessageId entry = messageId.Entry;
            if (!_batches.TryGetValue(entry, out BatchAckTracker? tracker) || !tracker.Acknowledge(messageId.BatchIndex))
            {
                return ValueTask.CompletedTask;
            }

            _batches.TryRemove(KeyValuePair.Create(entry, tracker));
            acknowledged = entry;
        }

        ConsumerSession? session = Volatile.Read(ref _session);
        return session is { IsLost: false } ? SendAckAsync(session, acknowledged, cancellationToken) : ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="AcknowledgeAsync(MessageId, CancellationToken)"/>
    public ValueTask AcknowledgeAsync(PulsarMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AcknowledgeAsync(message.MessageId, cancellationToken);
    }

    /// <summary>Closes the consumer at the broker (CLOSE_CONSUMER) and stops reconnecting; unacknowledged messages stay in the subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _supervisor.ConfigureAwait(false);
        ConsumerSession? session = Volatile.Read(ref _session);
        if (session is { IsLost: false })
        {
            session.Connection.UnregisterConsumer(_consumerId, session);
            session.MarkLost(new PulsarConnectionException("the consumer was disposed"));
            await CloseAtBrokerAsync(session.Connection).ConfigureAwait(false);
        }

        _queue.Writer.TryComplete();
        _onDisposed(this);
    }

    /// <summary>Subscribes for the first time, retrying transient failures within the operation timeout.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await RetryLoop.RunWithinAsync(
            async attempt =>
            {
                uint partitions = await _runtime.Lookup.GetPartitionCountAsync(Topic, attempt).ConfigureAwait(false);
                if (partitions > 0)
                {
                    throw new NotSupportedException($"{Topic} has {partitions} partitions; only topics without partitions are supported");
                }

                await SubscribeAsync(attempt).ConfigureAwait(false);
            },
            _backoff,
            RaiseRetry,
            _runtime.Options.OperationTimeout,
            $"subscribe to {Topic}",
            cancellationToken).ConfigureAwait(false);

        _supervisor = Task.Run(SuperviseAsync);
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        BrokerTarget owner = await _runtime.Lookup.FindOwnerAsync(Topic, cancellationToken).ConfigureAwait(false);
        PulsarConnection connection = await _runtime.Pool.GetAsync(owner, cancellationToken).ConfigureAwait(false);
        var session = new ConsumerSession(connection, Interlocked.Increment(ref _epoch), OnMessage);
        connection.RegisterConsumer(_consumerId, session);
        try
        {
            await connection
                .RequestAsync(requestId => ClientCommands.Subscribe(Topic, _options, _consumerId, requestId), cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            connection.UnregisterConsumer(_consumerId, session);
            throw;
        }

        Volatile.Write(ref _receivedSinceFlow, 0);
        Volatile.Write(ref _session, session);
        connection.Post(ClientCommands.Flow(_consumerId, (uint)_options.ReceiverQueueSize));
        _runtime.Events.Raise(new PulsarClientEvent(
            PulsarClientEventKind.Subscribed,
            $"subscribed to {Topic} as '{SubscriptionName}' ({_options.SubscriptionType}) on {connection.Target}",
            Topic,
            connection.Target.ToString()));
    }

    /// <summary>Waits for the current session to be lost, then resubscribes; repeats until disposed.</summary>
    private async Task SuperviseAsync()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            while (true)
            {
                ConsumerSession session = Volatile.Read(ref _session)!;
                Exception reason = await session.Lost.WaitAsync(stop).ConfigureAwait(false);

                // Nothing received on the lost session may be handed out any more; the broker resends it.
                Interlocked.Increment(ref _epoch);
                if (session.ClosedByBroker)
                {
                    _runtime.Events.Raise(new PulsarClientEvent(PulsarClientEventKind.ClosedByBroker, reason.Message, Topic, session.Connection.Target.ToString()));
                }

                await RetryLoop.RunAsync(SubscribeAsync, _backoff, RetryPolicy.IsWorthReconnecting, RaiseRetry, reason, stop).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed: the consumer or the whole client.
        }
    }

    private void OnMessage(ConsumerSession session, PulsarFrame frame)
    {
        CommandMessage command = frame.Command.Message;
        IReadOnlyList<PulsarMessage> messages;
        try
        {
            if (frame.Checksum == FrameChecksum.Mismatch)
            {
                throw new InvalidMessageException(CommandAck.Types.ValidationError.ChecksumMismatch, "checksum mismatch");
            }

            MessageMetadata metadata = frame.Metadata
                ?? throw new InvalidMessageException(CommandAck.Types.ValidationError.BatchDeSerializeError, "MESSAGE without metadata");
            messages = MessageUnpacker.Unpack(Topic, command, metadata, frame.Payload, _runtime.Options.MaxFrameSize);
        }
        catch (InvalidMessageException invalid)
        {
            Discard(session, command, frame.Metadata, invalid);
            return;
        }

        if (messages is [{ MessageId.IsBatched: true } first, ..])
        {
            // A redelivered batch starts over: all of its messages are handed out again.
            _batches[first.MessageId.Entry] = new BatchAckTracker(messages.Count);
        }

        foreach (PulsarMessage message in messages)
        {
            _queue.Writer.TryWrite(new QueuedMessage(message, session.Epoch));
        }
    }

    private void Discard(ConsumerSession session, CommandMessage command, MessageMetadata? metadata, InvalidMessageException invalid)
    {
        MessageId entry = MessageId.FromProto(command.MessageId).Entry;
        session.Connection.Post(ClientCommands.Ack(_consumerId, entry.ToProto(), invalid.Reason));
        _runtime.Events.Raise(new PulsarClientEvent(
            PulsarClientEventKind.MessageDiscarded,
            $"message {entry} of {Topic} discarded: {invalid.Message}",
            Topic,
            session.Connection.Target.ToString(),
            invalid));
        CountReceived(MessageUnpacker.PermitsOf(metadata));
    }

    /// <summary>Gives the broker back permits once half the receiver queue was used, as Pulsar's clients do.</summary>
    private void CountReceived(int count)
    {
        int received = Interlocked.Add(ref _receivedSinceFlow, count);
        if (received < _refillThreshold || Interlocked.CompareExchange(ref _receivedSinceFlow, 0, received) != received)
        {
            return;
        }

        if (Volatile.Read(ref _session) is { IsLost: false } session)
        {
            session.Connection.Post(ClientCommands.Flow(_consumerId, (uint)received));
        }
    }

    private async ValueTask SendAckAsync(ConsumerSession session, MessageId messageId, CancellationToken cancellationToken)
    {
        try
        {
            await session.Connection.SendAsync(ClientCommands.Ack(_consumerId, messageId.ToProto()), cancellationToken).ConfigureAwait(false);
        }
        catch (PulsarConnectionException)
        {
            // Lost with the connection; the broker redelivers the message after the resubscribe.
        }
    }

    private async Task CloseAtBrokerAsync(PulsarConnection connection)
    {
        using var timeout = new CancellationTokenSource(_runtime.Options.OperationTimeout);
        try
        {
            await connection
                .RequestAsync(requestId => ClientCommands.CloseConsumer(_consumerId, requestId), timeout.Token)
                .ConfigureAwait(false);
        }
        catch (Exception error) when (error is PulsarException or TimeoutException or OperationCanceledException)
        {
            // The broker drops the consumer with the connection anyway.
        }
    }

    private void RaiseRetry(Exception failure, TimeSpan delay) =>
        _runtime.Events.Raise(new PulsarClientEvent(
            PulsarClientEventKind.ReconnectScheduled,
            $"consumer of {Topic}: {failure.Message}; retrying in {delay.TotalMilliseconds:0} ms",
            Topic,
            Error: failure,
            RetryDelay: delay));
}
