using System.Buffers;

namespace Torii.Pulsar.Tests;

/// <summary>One piece of a multi-segment sequence built by <see cref="Segments"/>.</summary>
internal sealed class ByteSegment : ReadOnlySequenceSegment<byte>
{
    public ByteSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public ByteSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new ByteSegment(memory, RunningIndex + Memory.Length);
        Next = next;
        return next;
    }
}
