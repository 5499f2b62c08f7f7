using System.Buffers;

namespace Torii.Protocol.Tests;

internal static class Sequences
{
    /// <summary>A sequence whose segments are the given chunks, to exercise multi-segment parsing.</summary>
    public static ReadOnlySequence<byte> FromChunks(params byte[][] chunks)
    {
        if (chunks.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new SequenceSegment(chunks[0]);
        SequenceSegment last = first;
        foreach (byte[] chunk in chunks.Skip(1))
        {
            last = last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes split into two segments at <paramref name="at"/>.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] bytes, int at) =>
        FromChunks(bytes[..at], bytes[at..]);
}
