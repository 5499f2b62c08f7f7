using System.Buffers;
using Torii.Proxy.Http2;
using Torii.Proxy.Http2.Frames;

namespace Torii.Proxy.Tests.Http2;

/// <summary>The frame header and payload rules of RFC 9113 §4.1 and §6.</summary>
public sealed class FrameTests
{
    [Fact]
    public void A_frame_header_reads_its_fields_and_ignores_the_reserved_bit()
    {
        var header = FrameHeader.Read([0x00, 0x40, 0x01, 0x01, 0x05, 0x80, 0x00, 0x00, 0x03]);
        Assert.Equal(new FrameHeader(16385, FrameType.Headers, FrameFlags.EndStream | FrameFlags.EndHeaders, 3), header);

        Span<byte> written = stackalloc byte[FrameHeader.Size];
        header.Write(written);
        Assert.Equal([0x00, 0x40, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00, 0x03], written.ToArray());
        Assert.False(FrameHeader.TryRead(new ReadOnlySequence<byte>(new byte[8]), out _));
    }

    [Fact]
    public void Padding_is_removed_and_padding_as_long_as_the_payload_is_a_protocol_error()
    {
        var padded = new FrameHeader(6, FrameType.Data, FrameFlags.Padded, 1);
        Assert.Equal("abc"u8.ToArray(), FramePayload.Unpad(padded, [2, (byte)'a', (byte)'b', (byte)'c', 0, 0]).ToArray());
        var error = Assert.Throws<Http2ConnectionException>(() => FramePayload.Unpad(padded, [5, 1, 2, 3, 4]).ToArray());
        Assert.Equal(Http2ErrorCode.ProtocolError, error.Code);

        var priority = new FrameHeader(7, FrameType.Headers, FrameFlags.Priority, 1);
        Assert.Equal([0x82, 0x84], FramePayload.HeaderBlockOf(priority, [0, 0, 0, 0, 16, 0x82, 0x84]).ToArray());
    }

    [Fact]
    public void A_header_block_larger_than_a_frame_continues_in_continuation_frames()
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteHeaders(output, 5, new byte[40_000], endStream: true, maxFrameSize: 16_384);
        var bytes = output.WrittenSpan;
        var first = FrameHeader.Read(bytes);
        Assert.Equal(new FrameHeader(16_384, FrameType.Headers, FrameFlags.EndStream, 5), first);
        var second = FrameHeader.Read(bytes[(9 + 16_384)..]);
        Assert.Equal(new FrameHeader(16_384, FrameType.Continuation, 0, 5), second);
        var third = FrameHeader.Read(bytes[(2 * (9 + 16_384))..]);
        Assert.Equal(new FrameHeader(40_000 - 32_768, FrameType.Continuation, FrameFlags.EndHeaders, 5), third);
        Assert.Equal((3 * 9) + 40_000, bytes.Length);
    }

    [Fact]
    public void Goaway_and_window_update_carry_their_fields_big_endian()
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteGoAway(output, 7, Http2ErrorCode.EnhanceYourCalm);
        FrameWriter.WriteWindowUpdate(output, 0, 65_536);
        Assert.Equal(
            [0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0x0b, 0, 0, 4, 8, 0, 0, 0, 0, 0, 0, 1, 0, 0],
            output.WrittenSpan.ToArray());
    }
}
