using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Wire;

/// <summary>
/// Reads frames laid out as <c>[totalSize u32][commandSize u32][BaseCommand]</c>, optionally followed by
/// <c>[0x0e01][CRC-32C u32][metadataSize u32][MessageMetadata][payload]</c>; all integers big-endian.
/// </summary>
public static class FrameDecoder
{
    /// <summary>
    /// Decodes the frame at the front of <paramref name="buffer"/> and advances the buffer past it.
    /// Returns false, leaving the buffer alone, while the frame is not complete yet.
    /// </summary>
    /// <param name="maxFrameSize">Largest whole frame accepted, total-size field included.</param>
    /// <exception cref="PulsarProtocolException">
    /// The frame declares more than <paramref name="maxFrameSize"/> (refused before it is buffered),
    /// its sizes are inconsistent, or its command or metadata does not decode.
    /// </exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameSize, [NotNullWhen(true)] out PulsarFrame? frame)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 2 * FrameFormat.SizeFieldLength);
        frame = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadBigEndian(out int signedTotal))
        {
            return false;
        }

        uint totalSize = (uint)signedTotal;
        if (totalSize > (uint)(maxFrameSize - FrameFormat.SizeFieldLength))
        {
            throw new PulsarProtocolException($"frame of {totalSize + (ulong)FrameFormat.SizeFieldLength} bytes exceeds the {maxFrameSize}-byte limit");
        }

        if (reader.Remaining < totalSize)
        {
            return false;
        }

        frame = Decode(buffer.Slice(FrameFormat.SizeFieldLength, totalSize));
        buffer = buffer.Slice(FrameFormat.SizeFieldLength + totalSize);
        return true;
    }

    /// <summary>Decodes every frame of <paramref name="bytes"/>, which must end on a frame boundary.</summary>
    public static IReadOnlyList<PulsarFrame> DecodeAll(ReadOnlyMemory<byte> bytes, int maxFrameSize = FrameFormat.DefaultMaxFrameSize)
    {
        var frames = new List<PulsarFrame>();
        var buffer = new ReadOnlySequence<byte>(bytes);
        while (!buffer.IsEmpty)
        {
            if (!TryReadFrame(ref buffer, maxFrameSize, out PulsarFrame? frame))
            {
                throw new PulsarProtocolException($"{buffer.Length} bytes at the end do not form a whole frame");
            }

            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>Decodes a frame body: everything after the total-size field.</summary>
    private static PulsarFrame Decode(ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        if (!reader.TryReadBigEndian(out int signedCommandSize) || (uint)signedCommandSize > (ulong)reader.Remaining)
        {
            throw new PulsarProtocolException($"command size does not fit a {body.Length}-byte frame");
        }

        int commandSize = signedCommandSize;
        BaseCommand command = Parse(BaseCommand.Parser, body.Slice(FrameFormat.SizeFieldLength, commandSize), "command");
        ReadOnlySequence<byte> rest = body.Slice(FrameFormat.SizeFieldLength + commandSize);
        if (rest.IsEmpty)
        {
            return new PulsarFrame(command);
        }

        var restReader = new SequenceReader<byte>(rest);
        bool hasChecksum = restReader.TryReadBigEndian(out short magic) && (ushort)magic == FrameFormat.ChecksumMagic;
        ReadOnlySequence<byte> checkedBytes = rest;
        if (hasChecksum)
        {
            if (!restReader.TryReadBigEndian(out int expected))
            {
                throw new PulsarProtocolException("frame ends inside its checksum");
            }

            checkedBytes = rest.Slice(FrameFormat.ChecksumSectionLength);
            if (Crc32C.Compute(checkedBytes) != (uint)expected)
            {
                return PulsarFrame.WithChecksumMismatch(command);
            }
        }

        var metadataReader = new SequenceReader<byte>(checkedBytes);
        if (!metadataReader.TryReadBigEndian(out int signedMetadataSize) || (uint)signedMetadataSize > (ulong)metadataReader.Remaining)
        {
            throw new PulsarProtocolException($"metadata size does not fit the {checkedBytes.Length} bytes after the command");
        }

        int metadataSize = signedMetadataSize;
        MessageMetadata metadata = Parse(MessageMetadata.Parser, checkedBytes.Slice(FrameFormat.SizeFieldLength, metadataSize), "message metadata");
        byte[] payload = checkedBytes.Slice(FrameFormat.SizeFieldLength + metadataSize).ToArray();
        return new PulsarFrame(command, metadata, payload, hasChecksum);
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        // Google.Protobuf reports a missing proto2 required field with InvalidOperationException, and
        // a nested length near int.MaxValue with IndexOutOfRangeException (protobuf issue 26856).
        catch (Exception error) when (error is InvalidProtocolBufferException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new PulsarProtocolException($"{what} does not decode: {error.Message}", error);
        }
    }
}
