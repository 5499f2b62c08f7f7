using System.Buffers;
using System.Buffers.Binary;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Tests;

public sealed class FrameCodecTests
{
    [Fact]
    public void A_command_frame_round_trips()
    {
        BaseCommand flow = ClientCommands.Flow(7, 500);

        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(Encode(output => FrameEncoder.WriteCommand(output, flow))));

        Assert.Equal(flow, frame.Command);
        Assert.False(frame.HasPayloadSection);
        Assert.Equal(FrameChecksum.None, frame.Checksum);
    }

    [Fact]
    public void A_payload_frame_round_trips_with_a_valid_checksum()
    {
        MessageMetadata metadata = Metadata();
        byte[] bytes = Encode(output => FrameEncoder.WritePayloadCommand(output, ClientCommands.Send(1, 2), metadata, "payload"u8));

        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(bytes));

        Assert.Equal(FrameChecksum.Valid, frame.Checksum);
        Assert.Equal(metadata, frame.Metadata);
        Assert.Equal("payload"u8.ToArray(), frame.Payload.ToArray());
        Assert.Equal(bytes, FrameEncoder.ToArray(frame));
    }

    [Fact]
    public void A_frame_from_a_peer_without_checksums_decodes_and_reencodes_without_one()
    {
        byte[] bytes = Encode(output => FrameEncoder.WritePayloadCommand(output, ClientCommands.Send(1, 2), Metadata(), "x"u8, withChecksum: false));

        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(bytes));

        Assert.Equal(FrameChecksum.None, frame.Checksum);
        Assert.NotNull(frame.Metadata);
        Assert.Equal(bytes, FrameEncoder.ToArray(frame));
    }

    [Fact]
    public void An_incomplete_frame_waits_for_more_bytes_and_leaves_the_buffer_alone()
    {
        byte[] bytes = Encode(output => FrameEncoder.WriteCommand(output, ClientCommands.Ping()));
        for (int length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            Assert.False(FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void Frames_split_across_segments_decode_one_after_another()
    {
        byte[] first = Encode(output => FrameEncoder.WritePayloadCommand(output, ClientCommands.Send(1, 1), Metadata(), new byte[100]));
        byte[] second = Encode(output => FrameEncoder.WriteCommand(output, ClientCommands.Pong()));
        ReadOnlySequence<byte> buffer = Segments.Split([.. first, .. second], 5);

        Assert.True(FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out PulsarFrame? send));
        Assert.True(FrameDecoder.TryReadFrame(ref buffer, FrameFormat.DefaultMaxFrameSize, out PulsarFrame? pong));

        Assert.Equal(FrameChecksum.Valid, send.Checksum);
        Assert.Equal(BaseCommand.Types.Type.Pong, pong.Type);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void An_oversized_frame_is_refused_from_its_size_field_alone()
    {
        byte[] sizeOnly = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sizeOnly, 64 * 1024);
        var buffer = new ReadOnlySequence<byte>(sizeOnly);

        var error = Assert.Throws<PulsarProtocolException>(() => FrameDecoder.TryReadFrame(ref buffer, 16 * 1024, out _));

        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_size_larger_than_the_frame_is_malformed()
    {
        byte[] bytes = Encode(output => FrameEncoder.WriteCommand(output, ClientCommands.Ping()));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 1000);

        Assert.Throws<PulsarProtocolException>(() => FrameDecoder.DecodeAll(bytes));
    }

    [Fact]
    public void A_command_that_is_not_protobuf_is_malformed()
    {
        byte[] bytes = [0, 0, 0, 7, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF];

        Assert.Throws<PulsarProtocolException>(() => FrameDecoder.DecodeAll(bytes));
    }

    [Fact]
    public void A_changed_metadata_byte_is_reported_as_a_checksum_mismatch()
    {
        byte[] bytes = Encode(output => FrameEncoder.WritePayloadCommand(output, ClientCommands.Send(1, 2), Metadata(), "payload"u8));
        bytes[^10] ^= 0x40;

        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(bytes));

        Assert.Equal(FrameChecksum.Mismatch, frame.Checksum);
        Assert.True(frame.HasPayloadSection);
        Assert.Throws<ArgumentException>(() => FrameEncoder.ToArray(frame));
    }

    private static MessageMetadata Metadata() => new()
    {
        ProducerName = "test",
        SequenceId = 2,
        PublishTime = 1_700_000_000_000,
        Properties = { new KeyValue { Key = "content-type", Value = "application/json" } },
    };

    private static byte[] Encode(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData("000000120000000808066affffffff070e012d3110f0bc314c656c6c")]
    [InlineData("0000000c0000000808063affffffff0756012d3110ffbc0003001200")]
    [InlineData("0000000c0000000808002affffffff676f")]
    public void A_nested_length_near_int_max_in_the_command_is_a_protocol_error(string hex)
    {
        // Crashes afl found through the fuzz harness (target pulsar-frame): a command whose nested
        // message claims about 2^31 bytes made Google.Protobuf throw IndexOutOfRangeException.
        Assert.Throws<PulsarProtocolException>(() => FrameDecoder.DecodeAll(Convert.FromHexString(hex)));
    }
}
