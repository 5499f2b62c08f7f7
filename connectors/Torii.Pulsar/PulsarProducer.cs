using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

/// <summary>
/// Publishes messages to one topic, one SEND per message (no client-side batching or compression).
/// Concurrent sends are pipelined: each is written in call order with the next sequence id and
/// completes when its SEND_RECEIPT arrives.
/// </summary>
/// <remarks>
/// When the connection drops or the broker sends CLOSE_PRODUCER, sends waiting for a receipt fail
/// with <see cref="PulsarConnectionException"/> (the message may or may not be stored; a caller
/// that retries may duplicate it), and the producer registers again in the background, pausing
/// with backoff between attempts; later sends wait for that within the operation timeout.
/// </remarks>
public sealed class PulsarProducer : IAsyncDisposable
{
    private readonly ClientRuntime _runtime;
    private readonly ProducerOptions _options;
    private readonly ulong _producerId;
    private readonly Action<PulsarProducer> _onDisposed;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Backoff _backoff;
    private TaskCompletionSource<ProducerSession> _ready = NewReady();
    private ProducerSession? _session;
    private string? _producerName;
    private ulong _nextSequenceId;
    private Task _supervisor = Task.CompletedTask;
    private int _disposed;

    internal PulsarProducer(ClientRuntime runtime, ProducerOptions options, Action<PulsarProducer> onDisposed)
    {
        _runtime = runtime;
        _options = options;
        _onDisposed = onDisposed;
        _producerId = runtime.NextProducerId();
        _backoff = runtime.NewBackoff();
        Topic = TopicName.Normalize(options.Topic);
    }

    /// <summary>The full topic name (<c>persistent://tenant/namespace/topic</c>).</summary>
    public string Topic { get; }

    /// <summary>The name the broker registered the producer under (the requested one, or one it picked).</summary>
    public string ProducerName => Volatile.Read(ref _producerName) ?? _options.ProducerName ?? string.Empty;

    /// <summary>True while registered on a live connection.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _ready.Task.IsCompletedSuccessfully && !_ready.Task.Result.IsLost;
            }
        }
    }

    /// <summary>Publishes one message and waits until the broker stored it.</summary>
    /// <returns>Where the broker stored the message.</returns>
    /// <exception cref="PulsarException">The message is larger than the broker accepts.</exception>
    /// <exception cref="PulsarServerException">The broker refused the message (SEND_ERROR).</exception>
    /// <exception cref="PulsarConnectionException">The connection was lost before the receipt came.</exception>
    /// <exception cref="TimeoutException">No connection, or no receipt, within the operation timeout.</exception>
    /// <exception cref="ObjectDisposedException">The producer was disposed.</exception>
    public async ValueTask<MessageId> SendAsync(
        ReadOnlyMemory<byte> payload, IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        deadline.CancelAfter(_runtime.Options.OperationTimeout);
        try
        {
            Task<MessageId> receipt = await WriteAsync(payload, properties, deadline.Token).ConfigureAwait(false);
            return await receipt.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            throw new TimeoutException($"message to {Topic} not stored within {_runtime.Options.OperationTimeout}");
        }
    }

    /// <summary>Stops reconnecting and closes the producer at the broker (CLOSE_PRODUCER); sends still waiting fail.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _supervisor.ConfigureAwait(false);
        ProducerSession? session = CurrentSession();
        if (session is { IsLost: false })
        {
            session.Connection.UnregisterProducer(_producerId, session);
            session.MarkLost(new PulsarConnectionException("the producer was disposed"));
            await CloseAtBrokerAsync(session.Connection).ConfigureAwait(false);
        }

        _onDisposed(this);
    }

    /// <summary>Registers for the first time, retrying transient failures within the operation timeout.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await RetryLoop.RunWithinAsync(
            RegisterAsync, _backoff, RaiseRetry, _runtime.Options.OperationTimeout, $"create a producer on {Topic}", cancellationToken).ConfigureAwait(false);

        _supervisor = Task.Run(SuperviseAsync);
    }

    /// <summary>Writes the SEND under the send lock, so that sequence ids go out in order.</summary>
    /// <returns>The receipt to wait for.</returns>
    private async Task<Task<MessageId>> WriteAsync(
        ReadOnlyMemory<byte> payload, IReadOnlyDictionary<string, string>? properties, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ProducerSession session = await WaitForSessionAsync(cancellationToken).ConfigureAwait(false);
            ulong sequenceId = _nextSequenceId;
            MessageMetadata metadata = Metadata(session.ProducerName, sequenceId, properties);
            int size = metadata.CalculateSize() + payload.Length;
            if (size > session.Connection.MaxMessageSize)
            {
                throw new PulsarException($"message of {size} bytes exceeds the {session.Connection.MaxMessageSize} bytes {session.Connection.Target} accepts");
            }

            // Used even if the write fails: that message may have reached the broker.
            _nextSequenceId++;
            Task<MessageId> receipt = session.ExpectReceipt(sequenceId);
            try
            {
                await session.Connection
                    .SendAsync(ClientCommands.Send(_producerId, sequenceId), metadata, payload, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch
            {
                session.Forget(sequenceId);
                throw;
            }

            return receipt;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<ProducerSession> WaitForSessionAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<ProducerSession> ready;
            lock (_gate)
            {
                ready = _ready.Task;
            }

            ProducerSession session = await ready.WaitAsync(cancellationToken).ConfigureAwait(false);

            // A lost session has already been replaced by a pending one (see OnSessionLost), so this does not spin.
            if (!session.IsLost)
            {
                return session;
            }
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        BrokerTarget owner = await _runtime.Lookup.FindOwnerAsync(Topic, cancellationToken).ConfigureAwait(false);
        PulsarConnection connection = await _runtime.Pool.GetAsync(owner, cancellationToken).ConfigureAwait(false);
        string? requestedName = Volatile.Read(ref _producerName) ?? _options.ProducerName;
        var session = new ProducerSession(connection, OnSessionLost);
        connection.RegisterProducer(_producerId, session);
        CommandProducerSuccess success;
        try
        {
            BaseCommand answer = await connection
                .RequestAsync(requestId => ClientCommands.Producer(Topic, _producerId, requestId, requestedName), cancellationToken)
                .ConfigureAwait(false);
            success = answer.ProducerSuccess
                ?? throw new PulsarProtocolException($"{connection.Target} answered PRODUCER with {answer.Type}");
        }
        catch
        {
            connection.UnregisterProducer(_producerId, session);
            throw;
        }

        session.ProducerName = success.ProducerName;
        Volatile.Write(ref _producerName, success.ProducerName);
        if (success.LastSequenceId >= 0 && (ulong)success.LastSequenceId >= _nextSequenceId)
        {
            // With deduplication on, the broker remembers what this producer name stored before.
            _nextSequenceId = (ulong)success.LastSequenceId + 1;
        }

        lock (_gate)
        {
            if (session.IsLosing)
            {
                // Lost before it was published; publishing it now would hand out a dead session.
                throw new PulsarConnectionException($"connection to {connection.Target} closed while registering the producer");
            }

            _session = session;
            if (!_ready.TrySetResult(session))
            {
                _ready = NewReady();
                _ready.SetResult(session);
            }
        }

        _runtime.Events.Raise(new PulsarClientEvent(
            PulsarClientEventKind.ProducerRegistered,
            $"producer '{success.ProducerName}' registered on {Topic} at {connection.Target}",
            Topic,
            connection.Target.ToString()));
    }

    private void OnSessionLost(ProducerSession session)
    {
        lock (_gate)
        {
            if (_ready.Task.IsCompletedSuccessfully && ReferenceEquals(_ready.Task.Result, session))
            {
                _ready = NewReady();
            }
        }
    }

    private async Task SuperviseAsync()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            while (true)
            {
                ProducerSession session = CurrentSession()!;
                Exception reason = await session.Lost.WaitAsync(stop).ConfigureAwait(false);
                if (session.ClosedByBroker)
                {
                    _runtime.Events.Raise(new PulsarClientEvent(PulsarClientEventKind.ClosedByBroker, reason.Message, Topic, session.Connection.Target.ToString()));
                }

                await RetryLoop.RunAsync(RegisterAsync, _backoff, RetryPolicy.IsWorthReconnecting, RaiseRetry, reason, stop).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed: the producer or the whole client.
        }
    }

    /// <summary>The last session registered, lost or not.</summary>
    private ProducerSession? CurrentSession()
    {
        lock (_gate)
        {
            return _session;
        }
    }

    private async Task CloseAtBrokerAsync(PulsarConnection connection)
    {
        using var timeout = new CancellationTokenSource(_runtime.Options.OperationTimeout);
        try
        {
            await connection
                .RequestAsync(requestId => ClientCommands.CloseProducer(_producerId, requestId), timeout.Token)
                .ConfigureAwait(false);
        }
        catch (Exception error) when (error is PulsarException or TimeoutException or OperationCanceledException)
        {
            // The broker drops the producer with the connection anyway.
        }
    }

    private static MessageMetadata Metadata(string producerName, ulong sequenceId, IReadOnlyDictionary<string, string>? properties)
    {
        var metadata = new MessageMetadata
        {
            ProducerName = producerName,
            SequenceId = sequenceId,
            PublishTime = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        if (properties is not null)
        {
            foreach ((string key, string value) in properties)
            {
                metadata.Properties.Add(new KeyValue { Key = key, Value = value });
            }
        }

        return metadata;
    }

    private void RaiseRetry(Exception failure, TimeSpan delay) =>
        _runtime.Events.Raise(new PulsarClientEvent(
            PulsarClientEventKind.ReconnectScheduled,
            $"producer on {Topic}: {failure.Message}; retrying in {delay.TotalMilliseconds:0} ms",
            Topic,
            Error: failure,
            RetryDelay: delay));

    private static TaskCompletionSource<ProducerSession> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
