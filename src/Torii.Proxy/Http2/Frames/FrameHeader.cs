using System.Buffers;
using System.Buffers.Binary;

namespace Torii.Proxy.Http2.Frames;

/// <summary>The 9-octet frame header of RFC 9113 §4.1: 24-bit length, type, flags, reserved bit and 31-bit stream id.</summary>
public readonly record struct FrameHeader(int Length, FrameType Type, byte Flags, int StreamId)
{
    public const int Size = 9;

    /// <summary>The smallest SETTINGS_MAX_FRAME_SIZE a peer may advertise, and the initial value.</summary>
    public const int DefaultMaxFrameSize = 16_384;

    public bool HasFlag(byte flag) => (Flags & flag) != 0;

    /// <summary>Reads a header from the first nine octets; false when fewer are buffered.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, out FrameHeader header)
    {
        if (buffer.Length < Size)
        {
            header = default;
            return false;
        }

        Span<byte> octets = stackalloc byte[Size];
        buffer.Slice(0, Size).CopyTo(octets);
        header = Read(octets);
        return true;
    }

    public static FrameHeader Read(ReadOnlySpan<byte> octets) => new(
        (octets[0] << 16) | (octets[1] << 8) | octets[2],
        (FrameType)octets[3],
        octets[4],
        // The reserved bit is ignored on receipt (§4.1).
        (int)(BinaryPrimitives.ReadUInt32BigEndian(octets[5..]) & 0x7FFF_FFFF));

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)(Length >> 16);
        destination[1] = (byte)(Length >> 8);
        destination[2] = (byte)Length;
        destination[3] = (byte)Type;
        destination[4] = Flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)StreamId & 0x7FFF_FFFF);
    }
}
