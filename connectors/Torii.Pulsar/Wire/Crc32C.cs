using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Torii.Pulsar.Wire;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum Pulsar puts in front of a
/// message's metadata and payload. Uses the CPU's CRC32 instruction when there is one.
/// </summary>
public static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78u;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>The CRC-32C of all segments of <paramref name="data"/>, in order.</summary>
    public static uint Compute(in ReadOnlySequence<byte> data)
    {
        uint crc = 0;
        foreach (ReadOnlyMemory<byte> segment in data)
        {
            crc = Append(crc, segment.Span);
        }

        return crc;
    }

    /// <summary>
    /// Continues <paramref name="crc"/>, the CRC-32C of earlier bytes, over <paramref name="data"/>:
    /// <c>Append(Compute(a), b) == Compute(a + b)</c>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    internal static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data) => ~UpdateSoftware(~crc, data);

    private static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            return UpdateSse42X64(state, data);
        }

        if (Crc32.Arm64.IsSupported)
        {
            return UpdateArm64(state, data);
        }

        return UpdateSoftware(state, data);
    }

    private static uint UpdateSse42X64(uint state, ReadOnlySpan<byte> data)
    {
        ulong wide = state;
        while (data.Length >= sizeof(ulong))
        {
            // The instruction takes the word's bytes lowest first, which is their order in a little-endian read.
            wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        uint narrow = (uint)wide;
        foreach (byte value in data)
        {
            narrow = Sse42.Crc32(narrow, value);
        }

        return narrow;
    }

    private static uint UpdateArm64(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (byte value in data)
        {
            state = Crc32.ComputeCrc32C(state, value);
        }

        return state;
    }

    private static uint UpdateSoftware(uint state, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        foreach (byte value in data)
        {
            state = table[(byte)(state ^ value)] ^ (state >> 8);
        }

        return state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint index = 0; index < table.Length; index++)
        {
            uint entry = index;
            for (int bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ ReflectedPolynomial : entry >> 1;
            }

            table[index] = entry;
        }

        return table;
    }
}
