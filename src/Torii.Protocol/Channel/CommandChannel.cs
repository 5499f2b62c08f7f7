using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Torii.Protocol;

/// <summary>
/// One command connection: the server reads <see cref="Request"/> and writes
/// <see cref="Response"/>; the client does the reverse.
/// </summary>
public sealed class CommandChannel<TIn, TOut> : IAsyncDisposable
    where TIn : class, IMessage<TIn>, new()
    where TOut : class, IMessage<TOut>
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly MessageReader<TIn> _reader;
    private readonly MessageWriter<TOut> _writer;
    private int _disposed;

    public CommandChannel(PipeReader input, PipeWriter output, long maxFrameSize = FrameFormat.DefaultMaxFrameSize)
    {
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _reader = new MessageReader<TIn>(input, maxFrameSize);
        _writer = new MessageWriter<TOut>(output);
    }

    /// <summary>A channel over a duplex stream (a socket's NetworkStream, for instance).</summary>
    public static CommandChannel<TIn, TOut> Create(Stream stream, long maxFrameSize = FrameFormat.DefaultMaxFrameSize, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: leaveOpen));
        return new CommandChannel<TIn, TOut>(input, output, maxFrameSize);
    }

    /// <inheritdoc cref="MessageReader{T}.ReadAsync"/>
    public ValueTask<TIn?> ReadAsync(CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(cancellationToken);

    /// <inheritdoc cref="MessageReader{T}.TryRead"/>
    public bool TryRead([NotNullWhen(true)] out TIn? message) => _reader.TryRead(out message);

    /// <inheritdoc cref="MessageWriter{T}.WriteAsync(T, CancellationToken)"/>
    public ValueTask WriteAsync(TOut message, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(message, cancellationToken);

    /// <inheritdoc cref="MessageWriter{T}.WriteAsync(IReadOnlyList{T}, CancellationToken)"/>
    public ValueTask WriteAsync(IReadOnlyList<TOut> messages, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(messages, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Completing flushes whatever is buffered; a peer that is already gone cannot take it.
        }
        catch (ObjectDisposedException)
        {
            // The underlying stream was closed first (an aborted connection); nothing is left to flush.
        }
    }
}
