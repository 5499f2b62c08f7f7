using System.Buffers.Binary;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Tests;

public sealed class BatchPayloadTests
{
    [Fact]
    public void Packed_messages_unpack_with_their_metadata_and_payloads()
    {
        BatchEntry[] entries =
        [
            new(new SingleMessageMetadata { Properties = { new KeyValue { Key = "k", Value = "v" } } }, "first"u8.ToArray()),
            new(new SingleMessageMetadata { PartitionKey = "key" }, ReadOnlyMemory<byte>.Empty),
            new(new SingleMessageMetadata(), "third"u8.ToArray()),
        ];

        IReadOnlyList<BatchEntry> read = BatchPayload.Read(BatchPayload.Write(entries), entries.Length);

        Assert.Equal(3, read.Count);
        Assert.Equal("first"u8.ToArray(), read[0].Payload.ToArray());
        Assert.Equal("v", Assert.Single(read[0].Metadata.Properties).Value);
        Assert.Equal("key", read[1].Metadata.PartitionKey);
        Assert.True(read[1].Payload.IsEmpty);
        Assert.Equal("third"u8.ToArray(), read[2].Payload.ToArray());
        Assert.Equal(5, read[2].Metadata.PayloadSize);
    }

    [Fact]
    public void A_batch_with_fewer_messages_than_declared_is_refused()
    {
        byte[] payload = BatchPayload.Write([new BatchEntry(new SingleMessageMetadata(), "only"u8.ToArray())]);

        Assert.Throws<PulsarProtocolException>(() => BatchPayload.Read(payload, 2));
    }

    [Fact]
    public void A_payload_size_beyond_the_batch_is_refused()
    {
        byte[] payload = BatchPayload.Write([new BatchEntry(new SingleMessageMetadata(), "abc"u8.ToArray())]);
        byte[] truncated = payload[..^1];

        Assert.Throws<PulsarProtocolException>(() => BatchPayload.Read(truncated, 1));
    }

    [Fact]
    public void A_metadata_size_beyond_the_batch_is_refused()
    {
        byte[] payload = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(payload, 100);

        Assert.Throws<PulsarProtocolException>(() => BatchPayload.Read(payload, 1));
    }

    [Fact]
    public void A_message_frame_declaring_int_max_messages_in_an_empty_batch_is_refused()
    {
        // Found through the fuzz harness (fuzz/Torii.Fuzz, target pulsar-frame): MESSAGE with a valid
        // checksum, num_messages_in_batch = 2147483647 and no payload. Reading it reserved room for
        // that many entries and threw OutOfMemoryException instead of PulsarProtocolException.
        byte[] frame = Convert.FromHexString(
            "000000270000000c08094a0808031204080a10140e01129c60120000000d0a01701007180158ffffffff07");
        PulsarFrame decoded = Assert.Single(FrameDecoder.DecodeAll(frame));
        MessageMetadata metadata = Assert.IsType<MessageMetadata>(decoded.Metadata);
        Assert.Equal(int.MaxValue, metadata.NumMessagesInBatch);

        var error = Assert.Throws<PulsarProtocolException>(() => BatchPayload.Read(decoded.Payload, metadata.NumMessagesInBatch));

        Assert.Contains("before message 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_metadata_with_a_nested_length_near_int_max_is_refused()
    {
        // Same parser bug as the commands the fuzz harness found: properties (field 1) claiming 0x7fffffff bytes.
        byte[] payload = Convert.FromHexString("000000060affffffff07");

        Assert.Throws<PulsarProtocolException>(() => BatchPayload.Read(payload, 1));
    }
}
