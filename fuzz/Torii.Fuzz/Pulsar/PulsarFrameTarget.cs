using System.Buffers;
using Torii.Fuzz.Support;
using Torii.Pulsar;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Fuzz.Pulsar;

/// <summary>
/// Pulsar's frame decoder: it fails only with PulsarProtocolException, cuts frames the same way
/// however the bytes are split, every frame it decodes re-encodes to an equal one, and a batched
/// payload splits into entries that pack and split back equal.
/// </summary>
internal sealed class PulsarFrameTarget : IFuzzTarget
{
    private const int MaxFrameSize = 64 * 1024;

    public string Name => "pulsar-frame";

    public void Run(byte[] input)
    {
        var (frames, outcome) = Decode(new ReadOnlySequence<byte>(input));
        SplitCheck.Run(input, outcome, buffer => Decode(buffer).Outcome);

        foreach (var frame in frames)
        {
            CheckRoundTrip(frame);
            if (frame.Metadata is { HasNumMessagesInBatch: true, NumMessagesInBatch: > 0 } metadata)
            {
                CheckBatch(frame.Payload, metadata.NumMessagesInBatch);
            }
        }
    }

    private static (List<PulsarFrame> Frames, string Outcome) Decode(ReadOnlySequence<byte> buffer)
    {
        var frames = new List<PulsarFrame>();
        var text = new List<string>();
        try
        {
            while (FrameDecoder.TryReadFrame(ref buffer, MaxFrameSize, out var frame))
            {
                frames.Add(frame);
                text.Add(Describe(frame));
            }

            text.Add($"incomplete: {buffer.Length} bytes");
        }
        catch (PulsarProtocolException exception)
        {
            text.Add($"error: {exception.Message}");
        }

        return (frames, string.Join('\n', text));
    }

    private static string Describe(PulsarFrame frame) =>
        $"{frame.Type} {frame.Command} payload-section={frame.HasPayloadSection} checksum={frame.Checksum} "
        + $"metadata={frame.Metadata} payload={Convert.ToHexString(frame.Payload.Span)}";

    private static void CheckRoundTrip(PulsarFrame frame)
    {
        if (frame.Checksum == FrameChecksum.Mismatch)
        {
            Check.That(frame.Metadata is null && frame.Payload.IsEmpty, "a frame that failed its checksum kept its payload");
            return;
        }

        var again = FrameDecoder.DecodeAll(FrameEncoder.ToArray(frame), int.MaxValue);
        Check.Equal(1, again.Count, "frames after re-encoding one");
        Check.Equal(frame.Command, again[0].Command, "command after re-encoding");
        Check.Equal(frame.Metadata, again[0].Metadata, "metadata after re-encoding");
        Check.Equal(frame.Checksum, again[0].Checksum, "checksum after re-encoding");
        Check.Equal(frame.HasPayloadSection, again[0].HasPayloadSection, "payload section after re-encoding");
        Check.That(frame.Payload.Span.SequenceEqual(again[0].Payload.Span), "payload after re-encoding");
    }

    private static void CheckBatch(ReadOnlyMemory<byte> payload, int count)
    {
        IReadOnlyList<BatchEntry> entries;
        try
        {
            entries = BatchPayload.Read(payload, count);
        }
        catch (PulsarProtocolException)
        {
            return;
        }

        Check.Equal(count, entries.Count, "batch entries");
        var again = BatchPayload.Read(BatchPayload.Write(entries), count);
        for (int index = 0; index < count; index++)
        {
            Check.Equal(entries[index].Metadata, again[index].Metadata, $"batch entry {index} metadata after packing");
            Check.That(entries[index].Payload.Span.SequenceEqual(again[index].Payload.Span), $"batch entry {index} payload after packing");
        }
    }
}
