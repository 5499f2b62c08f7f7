using System.IO.Pipelines;
using System.Net.Sockets;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar;

/// <summary>
/// One TCP connection to a broker, shared by every consumer and producer whose topic that broker
/// owns. A reader task routes answers to requests by request id, messages to consumers by
/// consumer id and receipts to producers by producer id; writes are serialised by a lock.
/// </summary>
internal sealed class PulsarConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly PulsarFrameReader _frames;
    private readonly PulsarClientOptions _options;
    private readonly ClientEvents _events;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PendingRequests _requests = new();
    private readonly HandlerRegistry<IConsumerHandler> _consumers = new();
    private readonly HandlerRegistry<IProducerHandler> _producers = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();
    private Task _readLoop = Task.CompletedTask;
    private Task _keepAliveLoop = Task.CompletedTask;
    private readonly KeepAliveMonitor _keepAlive;

    private PulsarConnection(Socket socket, BrokerTarget target, PulsarClientOptions options, ClientEvents events)
    {
        _socket = socket;
        Target = target;
        _options = options;
        _events = events;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        _frames = new PulsarFrameReader(_input, options.MaxFrameSize);
        _keepAlive = new KeepAliveMonitor(options.KeepAliveInterval, cancellationToken => SendAsync(ClientCommands.Ping(), cancellationToken));
    }

    public BrokerTarget Target { get; }

    /// <summary>Largest message the broker accepts, from CONNECTED (Pulsar's default when it does not say).</summary>
    public int MaxMessageSize { get; private set; } = FrameFormat.DefaultMaxMessageSize;

    /// <summary>Completes, with the reason, when the connection is closed for any cause.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Opens a TCP connection and completes the CONNECT handshake.</summary>
    /// <exception cref="PulsarConnectionException">The broker cannot be reached, or not within the connect timeout.</exception>
    /// <exception cref="PulsarServerException">The broker refused CONNECT (for instance a bad token).</exception>
    public static async Task<PulsarConnection> OpenAsync(
        BrokerTarget target, PulsarClientOptions options, ClientEvents events, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        PulsarConnection? connection = null;
        try
        {
            await socket.ConnectAsync(target.Address.Host, target.Address.Port, deadline.Token).ConfigureAwait(false);
            connection = new PulsarConnection(socket, target, options, events);
            await connection.HandshakeAsync(deadline.Token).ConfigureAwait(false);
            connection.Start();
            events.Raise(new PulsarClientEvent(PulsarClientEventKind.Connected, $"connected to {target}", Broker: target.ToString()));
            return connection;
        }
        catch (Exception error)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            if (error is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new PulsarConnectionException($"could not connect to {target} within {options.ConnectTimeout}");
            }

            if (error is SocketException or IOException)
            {
                throw new PulsarConnectionException($"could not connect to {target}: {error.Message}", error);
            }

            throw;
        }
    }

    /// <summary>Routes MESSAGE and CLOSE_CONSUMER for <paramref name="consumerId"/> to <paramref name="handler"/>.</summary>
    public void RegisterConsumer(ulong consumerId, IConsumerHandler handler)
    {
        _consumers.Add(consumerId, handler);

        // Closed meanwhile: the close may have looked at the handlers before this one was added.
        if (IsClosed && _consumers.Remove(consumerId, handler))
        {
            handler.OnConnectionClosed(ClosedError());
        }
    }

    public void UnregisterConsumer(ulong consumerId, IConsumerHandler handler) => _consumers.Remove(consumerId, handler);

    /// <summary>Routes SEND_RECEIPT, SEND_ERROR and CLOSE_PRODUCER for <paramref name="producerId"/> to <paramref name="handler"/>.</summary>
    public void RegisterProducer(ulong producerId, IProducerHandler handler)
    {
        _producers.Add(producerId, handler);
        if (IsClosed && _producers.Remove(producerId, handler))
        {
            handler.OnConnectionClosed(ClosedError());
        }
    }

    public void UnregisterProducer(ulong producerId, IProducerHandler handler) => _producers.Remove(producerId, handler);

    /// <summary>Sends a command built with a fresh request id and waits for the answer carrying that id.</summary>
    /// <exception cref="PulsarServerException">The broker answered ERROR.</exception>
    /// <exception cref="TimeoutException">No answer within the operation timeout.</exception>
    /// <exception cref="PulsarConnectionException">The connection closed first.</exception>
    public async Task<BaseCommand> RequestAsync(Func<ulong, BaseCommand> build, CancellationToken cancellationToken)
    {
        (ulong requestId, Task<BaseCommand> answer) = _requests.Add();
        try
        {
            ThrowIfClosed();
            BaseCommand request = build(requestId);
            await SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.OperationTimeout);
            try
            {
                return await answer.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no answer to {request.Type} from {Target} within {_options.OperationTimeout}");
            }
        }
        finally
        {
            _requests.Remove(requestId);
        }
    }

    /// <exception cref="PulsarConnectionException">The connection is or becomes closed.</exception>
    public async ValueTask SendAsync(BaseCommand command, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            FrameEncoder.WriteCommand(_output, command);
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <exception cref="PulsarConnectionException">The connection is or becomes closed.</exception>
    public async ValueTask SendAsync(BaseCommand command, MessageMetadata metadata, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            FrameEncoder.WritePayloadCommand(_output, command, metadata, payload.Span);
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends without waiting, for frames whose loss a reconnect repairs (PONG, FLOW, invalid-message acks).</summary>
    public void Post(BaseCommand command) => _ = PostAsync(command);

    /// <summary>Closes the connection now; pending requests fail and registered consumers and producers are told.</summary>
    public void Abort(Exception reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _shutdown.Cancel();

        // Disposing the socket ends the reader's pending read; the reader then completes the pipes.
        _socket.Dispose();
        PulsarConnectionException closedError = ClosedError();
        _requests.FailAll(closedError);
        foreach (IConsumerHandler consumer in _consumers.TakeAll())
        {
            consumer.OnConnectionClosed(closedError);
        }

        foreach (IProducerHandler producer in _producers.TakeAll())
        {
            producer.OnConnectionClosed(closedError);
        }

        _events.Raise(new PulsarClientEvent(
            PulsarClientEventKind.ConnectionClosed, $"connection to {Target} closed: {reason.Message}", Broker: Target.ToString(), Error: reason));
    }

    public async ValueTask DisposeAsync()
    {
        Abort(new PulsarConnectionException($"connection to {Target} closed by the client"));
        await Task.WhenAll(_readLoop, _keepAliveLoop).ConfigureAwait(false);
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            FrameEncoder.WriteCommand(_output, ClientCommands.Connect(_options.ClientVersion, _options.AuthToken, Target.ProxyToBrokerUrl));
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        PulsarFrame answer = await _frames.ReadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new PulsarConnectionException($"{Target} closed the connection during the CONNECT handshake");
        switch (answer.Type)
        {
            case BaseCommand.Types.Type.Connected:
                CommandConnected connected = answer.Command.Connected ?? throw MissingBody(answer);
                if (connected.HasMaxMessageSize && connected.MaxMessageSize > 0)
                {
                    MaxMessageSize = connected.MaxMessageSize;
                }

                break;
            case BaseCommand.Types.Type.Error:
                CommandError error = answer.Command.Error ?? throw MissingBody(answer);
                throw new PulsarServerException(error.Error, error.Message);
            default:
                throw new PulsarProtocolException($"{Target} answered CONNECT with {answer.Type}");
        }
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _keepAliveLoop = Task.Run(KeepAliveLoopAsync);
    }

    private async Task ReadLoopAsync()
    {
        Exception reason;
        try
        {
            while (true)
            {
                PulsarFrame? frame = await _frames.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    reason = new PulsarConnectionException($"{Target} closed the connection");
                    break;
                }

                _keepAlive.Received();
                Dispatch(frame);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException && _shutdown.IsCancellationRequested)
        {
            reason = new PulsarConnectionException($"connection to {Target} closed by the client");
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            reason = new PulsarConnectionException($"connection to {Target} failed: {error.Message}", error);
        }
        catch (PulsarProtocolException error)
        {
            reason = error;
        }
        catch (Exception error)
        {
            // Whatever went wrong, the connection must close so that its users reconnect.
            reason = new PulsarConnectionException($"connection to {Target} failed: {error.Message}", error);
        }

        Abort(reason);
        await _input.CompleteAsync().ConfigureAwait(false);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Dispatch(PulsarFrame frame)
    {
        BaseCommand command = frame.Command;
        if (_requests.TryAnswer(command))
        {
            return;
        }

        switch (command.Type)
        {
            case BaseCommand.Types.Type.Ping:
                Post(ClientCommands.Pong());
                break;
            case BaseCommand.Types.Type.Message:
                if (_consumers.TryGet((command.Message ?? throw MissingBody(frame)).ConsumerId, out IConsumerHandler? consumer))
                {
                    consumer.OnMessage(frame);
                }

                break;
            case BaseCommand.Types.Type.CloseConsumer:
                if (_consumers.TryTake((command.CloseConsumer ?? throw MissingBody(frame)).ConsumerId, out IConsumerHandler? closedConsumer))
                {
                    closedConsumer.OnClosedByBroker();
                }

                break;
            case BaseCommand.Types.Type.SendReceipt:
                CommandSendReceipt receipt = command.SendReceipt ?? throw MissingBody(frame);
                if (_producers.TryGet(receipt.ProducerId, out IProducerHandler? receiptProducer))
                {
                    receiptProducer.OnSendReceipt(receipt);
                }

                break;
            case BaseCommand.Types.Type.SendError:
                CommandSendError sendError = command.SendError ?? throw MissingBody(frame);
                if (_producers.TryGet(sendError.ProducerId, out IProducerHandler? failedProducer))
                {
                    failedProducer.OnSendError(sendError);
                }

                break;
            case BaseCommand.Types.Type.CloseProducer:
                if (_producers.TryTake((command.CloseProducer ?? throw MissingBody(frame)).ProducerId, out IProducerHandler? closedProducer))
                {
                    closedProducer.OnClosedByBroker();
                }

                break;
            default:
                // PONG only proves the broker is alive, which receiving it already recorded; other
                // commands (ACTIVE_CONSUMER_CHANGE, REACHED_END_OF_TOPIC, ...) need nothing from us.
                break;
        }
    }

    private async Task KeepAliveLoopAsync()
    {
        try
        {
            await _keepAlive.RunUntilTimeoutAsync(_shutdown.Token).ConfigureAwait(false);
            var timeout = new PulsarConnectionException($"{Target} did not answer PING within {_options.KeepAliveInterval}");
            _events.Raise(new PulsarClientEvent(PulsarClientEventKind.KeepAliveTimeout, timeout.Message, Broker: Target.ToString(), Error: timeout));
            Abort(timeout);
        }
        catch (Exception error) when (error is OperationCanceledException or PulsarConnectionException)
        {
            // The connection closed; whoever closed it already reported why.
        }
    }

    private async Task PostAsync(BaseCommand command)
    {
        try
        {
            await SendAsync(command, _shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is PulsarConnectionException or OperationCanceledException or ObjectDisposedException)
        {
            // Posted frames are those a reconnect makes unnecessary.
        }
    }

    /// <remarks>
    /// Not cancellable by callers: a write stopped halfway would leave a partial frame on the wire.
    /// </remarks>
    private async ValueTask FlushAsync()
    {
        try
        {
            FlushResult result = await _output.FlushAsync(_shutdown.Token).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                throw new IOException("the connection no longer accepts writes");
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            var closed = new PulsarConnectionException($"connection to {Target} failed while writing: {error.Message}", error);
            Abort(closed);

            // Report why the connection closed, which may be an earlier cause than this write.
            ThrowIfClosed();
            throw closed;
        }
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw ClosedError();
        }
    }

    /// <summary>Why the connection closed, as the error its users see; call only once closed.</summary>
    private PulsarConnectionException ClosedError()
    {
        Exception reason = _closed.Task.Result;
        return reason as PulsarConnectionException ?? new PulsarConnectionException($"connection to {Target} closed: {reason.Message}", reason);
    }

    private static PulsarProtocolException MissingBody(PulsarFrame frame) =>
        new($"{frame.Type} frame without its {frame.Type} body");
}
