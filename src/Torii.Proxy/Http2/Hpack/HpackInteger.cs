using System.Buffers;

namespace Torii.Proxy.Http2.Hpack;

/// <summary>The prefixed integers of RFC 7541 §5.1.</summary>
public static class HpackInteger
{
    // Far above any size or index a bounded table and header list allow, and below int overflow.
    private const int MaxValue = 1 << 28;

    /// <summary>Reads an integer whose first octet keeps its low <paramref name="prefixBits"/> bits; advances <paramref name="position"/>.</summary>
    public static int Read(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var mask = (1 << prefixBits) - 1;
        var value = block[position++] & mask;
        if (value < mask)
        {
            return value;
        }

        var shift = 0;
        while (true)
        {
            if (position >= block.Length)
            {
                throw new HpackException("integer truncated");
            }

            var octet = block[position++];
            value += (octet & 0x7F) << shift;
            if (value > MaxValue)
            {
                throw new HpackException("integer too large");
            }

            if ((octet & 0x80) == 0)
            {
                return value;
            }

            shift += 7;
        }
    }

    /// <summary>Writes <paramref name="value"/> with the high bits of the first octet set to <paramref name="firstOctetFlags"/>.</summary>
    public static void Write(IBufferWriter<byte> output, int value, int prefixBits, byte firstOctetFlags)
    {
        var span = output.GetSpan(6);
        var mask = (1 << prefixBits) - 1;
        if (value < mask)
        {
            span[0] = (byte)(firstOctetFlags | value);
            output.Advance(1);
            return;
        }

        span[0] = (byte)(firstOctetFlags | mask);
        var written = 1;
        value -= mask;
        while (value >= 0x80)
        {
            span[written++] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }
}
