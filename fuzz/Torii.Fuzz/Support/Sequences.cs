using System.Buffers;

namespace Torii.Fuzz.Support;

internal static class Sequences
{
    /// <summary>The bytes as one sequence whose segments are the given pieces, in order.</summary>
    public static ReadOnlySequence<byte> Of(params ReadOnlyMemory<byte>[] pieces)
    {
        if (pieces.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new BufferSegment(pieces[0]);
        var last = first;
        foreach (var piece in pieces.AsSpan(1))
        {
            last = last.Append(piece);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The input cut at <paramref name="at"/> into two segments.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] input, int at) => Of(input.AsMemory(0, at), input.AsMemory(at));
}
