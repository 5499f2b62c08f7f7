using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Wire;

/// <summary>
/// The payload of a batched entry: for each message, <c>[size u32 BE][SingleMessageMetadata][payload]</c>,
/// where the metadata's <c>payload_size</c> gives the payload's length. The entry's
/// <see cref="MessageMetadata.NumMessagesInBatch"/> says how many there are.
/// </summary>
public static class BatchPayload
{
    /// <summary>Splits a batched payload into its messages; each payload is a slice of <paramref name="payload"/>.</summary>
    /// <exception cref="PulsarProtocolException">The payload does not hold <paramref name="count"/> well-formed messages.</exception>
    public static IReadOnlyList<BatchEntry> Read(ReadOnlyMemory<byte> payload, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // The count comes from the peer: every message takes at least its size field, so no
        // more can fit than that, and a huge count must not reserve memory before the check.
        var entries = new List<BatchEntry>(Math.Min(count, payload.Length / FrameFormat.SizeFieldLength));
        ReadOnlyMemory<byte> rest = payload;
        for (int index = 0; index < count; index++)
        {
            if (rest.Length < FrameFormat.SizeFieldLength)
            {
                throw new PulsarProtocolException($"batch ends before message {index} of {count}");
            }

            uint metadataSize = BinaryPrimitives.ReadUInt32BigEndian(rest.Span);
            rest = rest[FrameFormat.SizeFieldLength..];
            if (metadataSize > (uint)rest.Length)
            {
                throw new PulsarProtocolException($"batch message {index} declares {metadataSize} bytes of metadata; {rest.Length} remain");
            }

            SingleMessageMetadata metadata = ParseMetadata(rest[..(int)metadataSize], index);
            rest = rest[(int)metadataSize..];
            if (metadata.PayloadSize < 0 || metadata.PayloadSize > rest.Length)
            {
                throw new PulsarProtocolException($"batch message {index} declares a {metadata.PayloadSize}-byte payload; {rest.Length} bytes remain");
            }

            entries.Add(new BatchEntry(metadata, rest[..metadata.PayloadSize]));
            rest = rest[metadata.PayloadSize..];
        }

        return entries;
    }

    /// <summary>Packs messages into a batched payload; each metadata's payload size is set here.</summary>
    public static byte[] Write(IEnumerable<BatchEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var output = new ArrayBufferWriter<byte>();
        foreach ((SingleMessageMetadata metadata, ReadOnlyMemory<byte> payload) in entries)
        {
            SingleMessageMetadata sized = metadata.Clone();
            sized.PayloadSize = payload.Length;
            int metadataSize = sized.CalculateSize();
            BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(FrameFormat.SizeFieldLength), (uint)metadataSize);
            output.Advance(FrameFormat.SizeFieldLength);
            sized.WriteTo(output);
            output.Write(payload.Span);
        }

        return output.WrittenSpan.ToArray();
    }

    private static SingleMessageMetadata ParseMetadata(ReadOnlyMemory<byte> bytes, int index)
    {
        try
        {
            return SingleMessageMetadata.Parser.ParseFrom(bytes.Span);
        }
        catch (Exception error) when (error is InvalidProtocolBufferException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new PulsarProtocolException($"metadata of batch message {index} does not decode: {error.Message}", error);
        }
    }
}
