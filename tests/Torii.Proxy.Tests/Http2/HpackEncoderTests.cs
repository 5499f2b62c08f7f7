using System.Buffers;
using System.Text;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Tests.Http2;

/// <summary>The stateless encoder: what it writes decodes back to the same fields, and never touches the peer's table.</summary>
public sealed class HpackEncoderTests
{
    [Fact]
    public void Status_and_fields_round_trip_through_a_decoder_and_leave_its_table_empty()
    {
        var block = new ArrayBufferWriter<byte>();
        HpackEncoder.WriteStatus(block, 200);
        HpackEncoder.WriteStatus(block, 418);
        HpackEncoder.WriteField(block, "content-type"u8, "text/plain"u8);
        HpackEncoder.WriteField(block, "x-custom-field"u8, Encoding.ASCII.GetBytes(new string('v', 300)));
        var decoder = new HpackDecoder(4096, 65536, 128);
        var list = new HeaderList();
        decoder.Decode(block.WrittenSpan, list);
        Assert.Equal([(":status", "200"), (":status", "418"), ("content-type", "text/plain"), ("x-custom-field", new string('v', 300))], list.Fields);
        Assert.Equal(0, decoder.Table.Count);
    }

    [Fact]
    public void A_status_with_a_static_entry_is_one_octet_and_a_known_name_is_indexed()
    {
        var block = new ArrayBufferWriter<byte>();
        HpackEncoder.WriteStatus(block, 404);
        Assert.Equal([0x8d], block.WrittenSpan.ToArray());

        block.ResetWrittenCount();
        HpackEncoder.WriteField(block, "content-length"u8, "5"u8);
        // Literal without indexing, name index 28 (content-length): 0000 1111 then 28 - 15 = 13.
        Assert.Equal([0x0f, 0x0d, 0x01, (byte)'5'], block.WrittenSpan.ToArray());
    }
}
