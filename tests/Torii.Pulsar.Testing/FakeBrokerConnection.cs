using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Testing;

/// <summary>
/// The broker's side of one client connection: a reader that hands frames to the broker, and a
/// writer that sends queued frames in order, so that the broker can queue while holding its lock.
/// </summary>
internal sealed class FakeBrokerConnection
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly PulsarFrameReader _frames;
    private readonly Channel<OutgoingFrame> _outgoing = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly Action<FakeBrokerConnection, PulsarFrame> _onFrame;
    private readonly Action<FakeBrokerConnection> _onClosed;
    private Task _loops = Task.CompletedTask;
    private int _aborted;

    public FakeBrokerConnection(Socket socket, Action<FakeBrokerConnection, PulsarFrame> onFrame, Action<FakeBrokerConnection> onClosed)
    {
        _socket = socket;
        _onFrame = onFrame;
        _onClosed = onClosed;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        _frames = new PulsarFrameReader(_input);
    }

    /// <summary>Set once CONNECT was accepted; commands before that are refused.</summary>
    public bool IsConnected { get; set; }

    /// <summary>The protocol version the client announced.</summary>
    public int ProtocolVersion { get; set; }

    /// <summary>Guarded by the broker's lock, as is everything the broker keeps per connection.</summary>
    public Dictionary<ulong, FakeBrokerConsumer> Consumers { get; } = [];

    public Dictionary<ulong, FakeBrokerProducer> Producers { get; } = [];

    /// <summary>Completes when both the reader and the writer have stopped.</summary>
    public Task Completion => _loops;

    public void Start() => _loops = Task.WhenAll(Task.Run(ReadLoopAsync), Task.Run(WriteLoopAsync));

    public void Send(BaseCommand command) => Enqueue(new OutgoingFrame(Encode(command)));

    public void SendMessage(ulong consumerId, MessageId messageId, uint redeliveryCount, FakeBrokerEntry entry)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        FrameEncoder.WritePayloadCommand(output, BrokerCommands.Message(consumerId, messageId, redeliveryCount), entry.Metadata, entry.Payload);
        Enqueue(new OutgoingFrame(output.WrittenSpan.ToArray()));
    }

    /// <summary>Queues a command and completes once it was written (or the connection is gone).</summary>
    public Task SendAndWaitAsync(BaseCommand command)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new OutgoingFrame(Encode(command), written));
        return written.Task;
    }

    /// <summary>Sends a last command, then closes the connection gracefully (as after a refused CONNECT).</summary>
    public void SendAndClose(BaseCommand command) => Enqueue(new OutgoingFrame(Encode(command), CloseAfter: true));

    /// <summary>Closes at once with a TCP reset, as a crashed broker or a cut network would.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _closing.Cancel();
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already reset by the peer; closing is all that is left.
        }

        _socket.Close();
        _outgoing.Writer.TryComplete();
    }

    private void Enqueue(OutgoingFrame frame)
    {
        if (!_outgoing.Writer.TryWrite(frame))
        {
            frame.Written?.TrySetResult();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _frames.ReadAsync(_closing.Token).ConfigureAwait(false) is { } frame)
            {
                _onFrame(this, frame);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException or PulsarProtocolException)
        {
            // The connection is going away either way.
        }
        finally
        {
            Abort();
            _onClosed(this);
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (OutgoingFrame frame in _outgoing.Reader.ReadAllAsync(_closing.Token).ConfigureAwait(false))
            {
                await _output.WriteAsync(frame.Bytes, _closing.Token).ConfigureAwait(false);
                frame.Written?.TrySetResult();
                if (frame.CloseAfter)
                {
                    // A graceful close, so the client reads the last frame; a reset could discard it.
                    _socket.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Closed while writing; the reader reports the close.
        }
        finally
        {
            // Whoever waits for a frame of a closed connection must not wait forever.
            while (_outgoing.Reader.TryRead(out OutgoingFrame? unsent))
            {
                unsent.Written?.TrySetResult();
            }

            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static byte[] Encode(BaseCommand command)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        FrameEncoder.WriteCommand(output, command);
        return output.WrittenSpan.ToArray();
    }
}
