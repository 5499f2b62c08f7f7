using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Wire;

/// <summary>Writes frames in the layout <see cref="FrameDecoder"/> reads, each as one contiguous span.</summary>
public static class FrameEncoder
{
    /// <summary>Writes a frame that is only a command.</summary>
    public static void WriteCommand(IBufferWriter<byte> output, BaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        int commandSize = command.CalculateSize();
        int frameLength = checked((2 * FrameFormat.SizeFieldLength) + commandSize);
        Span<byte> frame = output.GetSpan(frameLength)[..frameLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frameLength - FrameFormat.SizeFieldLength));
        BinaryPrimitives.WriteUInt32BigEndian(frame[FrameFormat.SizeFieldLength..], (uint)commandSize);
        command.WriteTo(frame[(2 * FrameFormat.SizeFieldLength)..]);
        output.Advance(frameLength);
    }

    /// <summary>Writes a command followed by message metadata and payload (SEND, MESSAGE).</summary>
    /// <param name="withChecksum">False only to reproduce frames of peers older than protocol 6.</param>
    public static void WritePayloadCommand(
        IBufferWriter<byte> output, BaseCommand command, MessageMetadata metadata, ReadOnlySpan<byte> payload, bool withChecksum = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(metadata);
        int commandSize = command.CalculateSize();
        int metadataSize = metadata.CalculateSize();
        int checksumSection = withChecksum ? FrameFormat.ChecksumSectionLength : 0;
        int frameLength = checked((2 * FrameFormat.SizeFieldLength) + commandSize + checksumSection + FrameFormat.SizeFieldLength + metadataSize + payload.Length);
        Span<byte> frame = output.GetSpan(frameLength)[..frameLength];

        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frameLength - FrameFormat.SizeFieldLength));
        BinaryPrimitives.WriteUInt32BigEndian(frame[FrameFormat.SizeFieldLength..], (uint)commandSize);
        int offset = 2 * FrameFormat.SizeFieldLength;
        command.WriteTo(frame.Slice(offset, commandSize));
        offset += commandSize;

        int checksumOffset = offset + 2;
        if (withChecksum)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[offset..], FrameFormat.ChecksumMagic);
            offset += FrameFormat.ChecksumSectionLength;
        }

        int checkedStart = offset;
        BinaryPrimitives.WriteUInt32BigEndian(frame[offset..], (uint)metadataSize);
        offset += FrameFormat.SizeFieldLength;
        metadata.WriteTo(frame.Slice(offset, metadataSize));
        offset += metadataSize;
        payload.CopyTo(frame[offset..]);

        if (withChecksum)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame[checksumOffset..], Crc32C.Compute(frame[checkedStart..]));
        }

        output.Advance(frameLength);
    }

    /// <summary>Writes <paramref name="frame"/> as it was decoded.</summary>
    /// <exception cref="ArgumentException">The frame's checksum did not match, so its payload is unknown.</exception>
    public static void Write(IBufferWriter<byte> output, PulsarFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Metadata is { } metadata)
        {
            WritePayloadCommand(output, frame.Command, metadata, frame.Payload.Span, frame.Checksum != FrameChecksum.None);
        }
        else if (frame.HasPayloadSection)
        {
            throw new ArgumentException("a frame whose checksum did not match has no payload to write", nameof(frame));
        }
        else
        {
            WriteCommand(output, frame.Command);
        }
    }

    /// <summary>The bytes of <paramref name="frame"/>.</summary>
    public static byte[] ToArray(PulsarFrame frame)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(output, frame);
        return output.WrittenSpan.ToArray();
    }
}
