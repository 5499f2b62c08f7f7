using System.Buffers;
using System.Text;

namespace Torii.Proxy.Tests.Http;

/// <summary>Builds test input: text as Latin-1 bytes (so "\u00e9" is one byte 0xE9) and segmented sequences.</summary>
public static class Bytes
{
    public static byte[] Of(string text) => Encoding.Latin1.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static ReadOnlySequence<byte> Sequence(string text) => new(Of(text));

    /// <summary>The bytes cut into segments at the given positions.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        TestSegment? first = null;
        TestSegment? last = null;
        int start = 0;
        foreach (int cut in cuts.Append(bytes.Length))
        {
            last = new TestSegment(bytes.AsMemory(start, cut - start), last);
            first ??= last;
            start = cut;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>One segment per byte: every position is a segment boundary.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes) =>
        Split(bytes, [.. Enumerable.Range(1, bytes.Length - 1)]);
}
