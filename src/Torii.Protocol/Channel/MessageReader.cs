using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Torii.Protocol;

/// <summary>Reads framed protobuf messages of one type from a pipe. Not safe for concurrent reads.</summary>
public sealed class MessageReader<T>
    where T : class, IMessage<T>, new()
{
    private static readonly MessageParser<T> Parser = new(() => new T());

    private readonly PipeReader _reader;
    private readonly long _maxFrameSize;

    public MessageReader(PipeReader reader, long maxFrameSize = FrameFormat.DefaultMaxFrameSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, FrameFormat.HeaderSize);
        _reader = reader;
        _maxFrameSize = maxFrameSize;
    }

    public long MaxFrameSize => _maxFrameSize;

    /// <summary>
    /// The next message, or null when the peer closed the connection between frames.
    /// </summary>
    /// <exception cref="FrameTooLargeException">The next frame declares more than the maximum.</exception>
    /// <exception cref="MalformedFrameException">A bad length, a truncated frame, or a payload that does not decode.</exception>
    public async ValueTask<T?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ReadResult result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);

            // Taken before the buffer is handed back: after that its memory may be reused.
            long buffered = result.Buffer.Length;
            if (TakeFrame(result, out T? message))
            {
                return message;
            }

            if (result.IsCompleted)
            {
                if (buffered == 0)
                {
                    return null;
                }

                throw new MalformedFrameException(
                    $"connection closed in the middle of a frame ({buffered} bytes received)");
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException("the pending read was canceled");
            }
        }
    }

    /// <summary>
    /// The next message if a whole frame is already buffered, without waiting for the connection;
    /// lets a server answer a burst of pipelined requests with one write.
    /// </summary>
    /// <returns>False when no whole frame is buffered (or the peer closed): call <see cref="ReadAsync"/>.</returns>
    /// <exception cref="FrameTooLargeException">The next frame declares more than the maximum.</exception>
    /// <exception cref="MalformedFrameException">A bad length or a payload that does not decode.</exception>
    public bool TryRead([NotNullWhen(true)] out T? message)
    {
        message = null;
        return _reader.TryRead(out ReadResult result) && TakeFrame(result, out message);
    }

    /// <summary>Decodes the frame at the front of a read's buffer and consumes it, or marks the buffer examined.</summary>
    private bool TakeFrame(ReadResult result, [NotNullWhen(true)] out T? message)
    {
        ReadOnlySequence<byte> buffer = result.Buffer;
        switch (FrameDecoder.TryReadFrame(ref buffer, _maxFrameSize, out ReadOnlySequence<byte> payload))
        {
            case FrameReadResult.Frame:
                try
                {
                    message = Decode(payload);
                    return true;
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start);
                }

            case FrameReadResult.TooLarge:
            {
                ulong declared = FrameDecoder.ReadHeader(buffer);
                _reader.AdvanceTo(buffer.Start);
                throw new FrameTooLargeException(declared, _maxFrameSize);
            }

            case FrameReadResult.Malformed:
            {
                ulong declared = FrameDecoder.ReadHeader(buffer);
                _reader.AdvanceTo(buffer.Start);
                throw new MalformedFrameException(
                    $"frame length {declared} is smaller than the {FrameFormat.HeaderSize}-byte header it includes");
            }

            default:
                _reader.AdvanceTo(buffer.Start, buffer.End);
                message = null;
                return false;
        }
    }

    private static T Decode(ReadOnlySequence<byte> payload)
    {
        try
        {
            return Parser.ParseFrom(payload);
        }
        // Google.Protobuf reads past its buffer when a nested length is near int.MaxValue and
        // throws IndexOutOfRangeException instead of InvalidProtocolBufferException (protobuf issue 26856).
        catch (Exception exception) when (exception is InvalidProtocolBufferException or IndexOutOfRangeException)
        {
            throw new MalformedFrameException(
                $"frame payload is not a valid {typeof(T).Name} message: {exception.Message}", exception);
        }
    }
}
