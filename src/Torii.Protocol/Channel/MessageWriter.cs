using System.IO.Pipelines;
using Google.Protobuf;

namespace Torii.Protocol;

/// <summary>Writes framed protobuf messages to a pipe; concurrent writers are serialized.</summary>
public sealed class MessageWriter<T>
    where T : class, IMessage<T>
{
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public MessageWriter(PipeWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <summary>
    /// Writes and flushes one frame. If the flush is canceled part of the frame may already
    /// be on the wire, so the connection must then be treated as unusable.
    /// </summary>
    public async ValueTask WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            FrameEncoder.Write(_writer, message);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Writes the frames in order with a single flush, so a burst costs one send instead of one
    /// per frame. The same caveat as <see cref="WriteAsync(T, CancellationToken)"/> applies on cancel.
    /// </summary>
    public async ValueTask WriteAsync(IReadOnlyList<T> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (int i = 0; i < messages.Count; i++)
            {
                FrameEncoder.Write(_writer, messages[i]);
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        FlushResult flushed = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flushed.IsCanceled)
        {
            throw new OperationCanceledException("the pending flush was canceled");
        }

        if (flushed.IsCompleted)
        {
            throw new IOException("the peer no longer reads from this connection");
        }
    }
}
