using System.Buffers;

namespace Torii.Proxy.Http2.Hpack;

/// <summary>
/// Decodes Huffman-coded string literals (RFC 7541 §5.2). The code is canonical: codes of one
/// length are consecutive numbers, so a code is found from the first code of its length.
/// </summary>
public static class HuffmanDecoder
{
    private const int MaxCodeLength = 30;
    private const int EndOfString = 256;

    private static readonly int[] FirstCode = new int[MaxCodeLength + 2];
    private static readonly int[] FirstIndex = new int[MaxCodeLength + 2];
    private static readonly int[] CountOfLength = new int[MaxCodeLength + 2];
    private static readonly short[] SymbolsByCode = BuildTable();

    /// <summary>Appends the decoded octets to <paramref name="output"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output, int maxLength)
    {
        // Every symbol is at least 5 bits long, so the output is at most 8/5 of the input.
        var span = output.GetSpan((input.Length * 8 / 5) + 1);
        var written = 0;
        var code = 0;
        var length = 0;
        foreach (var octet in input)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                code = (code << 1) | ((octet >> bit) & 1);
                length++;
                var offset = code - FirstCode[length];
                if (CountOfLength[length] > 0 && offset >= 0 && offset < CountOfLength[length])
                {
                    var symbol = SymbolsByCode[FirstIndex[length] + offset];
                    if (symbol == EndOfString)
                    {
                        throw new HpackException("Huffman string contains EOS");
                    }

                    if (written == maxLength)
                    {
                        throw new HpackException("Huffman string longer than allowed");
                    }

                    span[written++] = (byte)symbol;
                    code = 0;
                    length = 0;
                }
                else if (length == MaxCodeLength)
                {
                    throw new HpackException("invalid Huffman code");
                }
            }
        }

        // §5.2: padding is shorter than 8 bits and is the most significant bits of EOS (all ones).
        if (length > 7 || code != (1 << length) - 1)
        {
            throw new HpackException("invalid Huffman padding");
        }

        output.Advance(written);
    }

    private static short[] BuildTable()
    {
        var codes = HuffmanCode.Codes;
        var lengths = HuffmanCode.Lengths;
        var order = Enumerable.Range(0, codes.Length).ToArray();
        var lengthCopy = lengths.ToArray();
        var codeCopy = codes.ToArray();
        Array.Sort(order, (a, b) => lengthCopy[a] != lengthCopy[b] ? lengthCopy[a].CompareTo(lengthCopy[b]) : codeCopy[a].CompareTo(codeCopy[b]));
        var symbols = new short[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var symbol = order[i];
            int length = lengthCopy[symbol];
            symbols[i] = (short)symbol;
            if (CountOfLength[length]++ == 0)
            {
                FirstCode[length] = (int)codeCopy[symbol];
                FirstIndex[length] = i;
            }
        }

        return symbols;
    }
}
