using System.Buffers;
using System.Buffers.Binary;

namespace Torii.Protocol;

public static class FrameDecoder
{
    /// <summary>
    /// Reads one frame from the front of <paramref name="buffer"/>. On
    /// <see cref="FrameReadResult.Frame"/> the buffer is advanced past the frame and
    /// <paramref name="payload"/> is the protobuf message (a slice of the original buffer);
    /// otherwise the buffer is left untouched and the payload is empty.
    /// </summary>
    /// <param name="maxFrameSize">Largest accepted frame, header included.</param>
    public static FrameReadResult TryReadFrame(ref ReadOnlySequence<byte> buffer, long maxFrameSize, out ReadOnlySequence<byte> payload)
    {
        payload = ReadOnlySequence<byte>.Empty;
        if (buffer.Length < FrameFormat.HeaderSize)
        {
            return FrameReadResult.NeedMoreData;
        }

        ulong declaredLength = ReadHeader(buffer);
        if (declaredLength < FrameFormat.HeaderSize)
        {
            return FrameReadResult.Malformed;
        }

        // Checked before waiting for the body so an oversized frame is refused without buffering it.
        if (maxFrameSize < FrameFormat.HeaderSize || declaredLength > (ulong)maxFrameSize)
        {
            return FrameReadResult.TooLarge;
        }

        long frameLength = (long)declaredLength;
        if (buffer.Length < frameLength)
        {
            return FrameReadResult.NeedMoreData;
        }

        payload = buffer.Slice(FrameFormat.HeaderSize, frameLength - FrameFormat.HeaderSize);
        buffer = buffer.Slice(frameLength);
        return FrameReadResult.Frame;
    }

    /// <summary>The length a frame header declares; the buffer must hold at least the header.</summary>
    public static ulong ReadHeader(ReadOnlySequence<byte> buffer)
    {
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= FrameFormat.HeaderSize)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(first);
        }

        Span<byte> header = stackalloc byte[FrameFormat.HeaderSize];
        buffer.Slice(0, FrameFormat.HeaderSize).CopyTo(header);
        return BinaryPrimitives.ReadUInt64LittleEndian(header);
    }
}
