using System.Buffers;
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
            ReadOnlySequence<byte> buffer = result.Buffer;
            FrameReadResult outcome = FrameDecoder.TryReadFrame(ref buffer, _maxFrameSize, out ReadOnlySequence<byte> payload);
            switch (outcome)
            {
                case FrameReadResult.Frame:
                    try
                    {
                        return Decode(payload);
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
                    if (result.IsCompleted)
                    {
                        if (buffer.IsEmpty)
                        {
                            return null;
                        }

                        throw new MalformedFrameException(
                            $"connection closed in the middle of a frame ({buffer.Length} bytes received)");
                    }

                    if (result.IsCanceled)
                    {
                        throw new OperationCanceledException("the pending read was canceled");
                    }

                    break;
            }
        }
    }

    private static T Decode(ReadOnlySequence<byte> payload)
    {
        try
        {
            return Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new MalformedFrameException(
                $"frame payload is not a valid {typeof(T).Name} message: {exception.Message}", exception);
        }
    }
}
