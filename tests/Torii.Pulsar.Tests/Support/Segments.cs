using System.Buffers;

namespace Torii.Pulsar.Tests;

/// <summary>Builds multi-segment sequences, as a pipe hands out data that arrived in pieces.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentLength)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        ByteSegment first = new(bytes.AsMemory(0, Math.Min(segmentLength, bytes.Length)), 0);
        ByteSegment last = first;
        for (int offset = segmentLength; offset < bytes.Length; offset += segmentLength)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(segmentLength, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
