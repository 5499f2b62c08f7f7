using System.Buffers;

namespace Torii.Protocol.Tests;

internal sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    public SequenceSegment(ReadOnlyMemory<byte> memory)
    {
        Memory = memory;
    }

    public SequenceSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new SequenceSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }
}
