using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace Torii.Protocol;

public static class FrameEncoder
{
    /// <summary>
    /// Writes the frame header and the serialized message straight into
    /// <paramref name="output"/>'s memory, without an intermediate buffer.
    /// </summary>
    /// <returns>The number of bytes written (header included).</returns>
    public static int Write(IBufferWriter<byte> output, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);

        int payloadLength = message.CalculateSize();
        int frameLength = checked(FrameFormat.HeaderSize + payloadLength);
        Span<byte> frame = output.GetSpan(frameLength)[..frameLength];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, (ulong)frameLength);
        message.WriteTo(frame[FrameFormat.HeaderSize..]);
        output.Advance(frameLength);
        return frameLength;
    }

    /// <summary>The complete frame as a new array; for tests and one-off senders.</summary>
    public static byte[] ToArray(IMessage message)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(output, message);
        return output.WrittenSpan.ToArray();
    }
}
