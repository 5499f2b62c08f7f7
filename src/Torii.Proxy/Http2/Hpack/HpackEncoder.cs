using System.Buffers;
using System.Text;

namespace Torii.Proxy.Http2.Hpack;

/// <summary>
/// Encodes response header blocks (RFC 7541 §6) without a dynamic table: a field is an indexed
/// static entry when one matches whole, otherwise a literal without indexing, its name indexed
/// when the static table has it. Strings are sent raw, not Huffman-coded. Keeping no state means
/// the peer's SETTINGS_HEADER_TABLE_SIZE never costs us memory and blocks may be encoded in any order.
/// </summary>
public static class HpackEncoder
{
    private static readonly Dictionary<string, int> NameIndex = BuildNameIndex();

    /// <summary>":status" as an indexed static entry (8 to 14) when there is one.</summary>
    public static void WriteStatus(IBufferWriter<byte> output, int status)
    {
        var index = status switch { 200 => 8, 204 => 9, 206 => 10, 304 => 11, 400 => 12, 404 => 13, 500 => 14, _ => 0 };
        if (index > 0)
        {
            HpackInteger.Write(output, index, 7, 0x80);
            return;
        }

        Span<byte> digits = stackalloc byte[3];
        digits[0] = (byte)('0' + (status / 100 % 10));
        digits[1] = (byte)('0' + (status / 10 % 10));
        digits[2] = (byte)('0' + (status % 10));
        HpackInteger.Write(output, 8, 4, 0x00);
        WriteString(output, digits);
    }

    /// <summary>A literal field without indexing; <paramref name="name"/> must already be lowercase.</summary>
    public static void WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var lookup = NameIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[Math.Min(name.Length, 64)];
        var index = 0;
        if (name.Length <= chars.Length)
        {
            Encoding.ASCII.GetChars(name, chars);
            lookup.TryGetValue(chars[..name.Length], out index);
        }

        HpackInteger.Write(output, index, 4, 0x00);
        if (index == 0)
        {
            WriteString(output, name);
        }

        WriteString(output, value);
    }

    private static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        HpackInteger.Write(output, value.Length, 7, 0x00);
        output.Write(value);
    }

    private static Dictionary<string, int> BuildNameIndex()
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = StaticTable.Count; index >= 1; index--)
        {
            // Walking backwards leaves each name at its lowest index.
            names[Encoding.ASCII.GetString(StaticTable.Get(index).Name)] = index;
        }

        return names;
    }
}
