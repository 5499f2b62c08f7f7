using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Tests.Http2;

/// <summary>The examples of RFC 7541 Appendix C, decoded in sequence with one decoder per connection, and the limits.</summary>
public sealed class HpackDecoderTests
{
    private static readonly (string, string)[] FirstRequest = [(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com")];
    private static readonly (string, string)[] SecondRequest = [.. FirstRequest, ("cache-control", "no-cache")];
    private static readonly (string, string)[] ThirdRequest =
        [(":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value")];

    [Fact]
    public void C2_field_representations_decode_and_only_incremental_indexing_fills_the_table()
    {
        var indexing = new HpackDecoder(4096, 65536, 128);
        Assert.Equal([("custom-key", "custom-header")], HeaderList.Decode(indexing, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        Assert.Equal(55, indexing.Table.Size);

        var withoutIndexing = new HpackDecoder(4096, 65536, 128);
        Assert.Equal([(":path", "/sample/path")], HeaderList.Decode(withoutIndexing, "040c 2f73 616d 706c 652f 7061 7468"));
        Assert.Equal(0, withoutIndexing.Table.Size);

        var neverIndexed = new HpackDecoder(4096, 65536, 128);
        Assert.Equal([("password", "secret")], HeaderList.Decode(neverIndexed, "1008 7061 7373 776f 7264 0673 6563 7265 74"));
        Assert.Equal(0, neverIndexed.Table.Size);

        Assert.Equal([(":method", "GET")], HeaderList.Decode(new HpackDecoder(4096, 65536, 128), "82"));
    }

    [Fact]
    public void C3_requests_without_huffman_share_the_dynamic_table()
    {
        var decoder = new HpackDecoder(4096, 65536, 128);
        Assert.Equal(FirstRequest, HeaderList.Decode(decoder, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        Assert.Equal(57, decoder.Table.Size);
        Assert.Equal(SecondRequest, HeaderList.Decode(decoder, "8286 84be 5808 6e6f 2d63 6163 6865"));
        Assert.Equal(110, decoder.Table.Size);
        Assert.Equal(ThirdRequest, HeaderList.Decode(decoder, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"));
        Assert.Equal(164, decoder.Table.Size);
        Assert.Equal(3, decoder.Table.Count);
    }

    [Fact]
    public void C4_requests_with_huffman_decode_the_same()
    {
        var decoder = new HpackDecoder(4096, 65536, 128);
        Assert.Equal(FirstRequest, HeaderList.Decode(decoder, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"));
        Assert.Equal(SecondRequest, HeaderList.Decode(decoder, "8286 84be 5886 a8eb 1064 9cbf"));
        Assert.Equal(ThirdRequest, HeaderList.Decode(decoder, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"));
        Assert.Equal(164, decoder.Table.Size);
    }

    [Fact]
    public void C5_responses_evict_the_oldest_entries_from_a_256_octet_table()
    {
        var decoder = new HpackDecoder(256, 65536, 128);
        const string Date21 = "Mon, 21 Oct 2013 20:13:21 GMT";
        Assert.Equal(
            [(":status", "302"), ("cache-control", "private"), ("date", Date21), ("location", "https://www.example.com")],
            HeaderList.Decode(decoder, "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        Assert.Equal(222, decoder.Table.Size);
        Assert.Equal(
            [(":status", "307"), ("cache-control", "private"), ("date", Date21), ("location", "https://www.example.com")],
            HeaderList.Decode(decoder, "4803 3330 37c1 c0bf"));
        Assert.Equal(222, decoder.Table.Size);
        Assert.Equal(
            [(":status", "200"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:22 GMT"), ("location", "https://www.example.com"),
                ("content-encoding", "gzip"), ("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1")],
            HeaderList.Decode(decoder, "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31"));
        Assert.Equal(215, decoder.Table.Size);
        Assert.Equal(3, decoder.Table.Count);
    }

    [Theory]
    [InlineData("80", "index 0")]
    [InlineData("be", "an index past both tables")]
    [InlineData("400a 6375", "a string longer than the block")]
    [InlineData("3fe21f", "a table size update above our SETTINGS_HEADER_TABLE_SIZE")]
    [InlineData("82 20", "a table size update after a field")]
    [InlineData("0081 ff 0178", "Huffman padding of 8 bits")]
    public void Malformed_blocks_are_compression_errors(string hex, string why)
    {
        var error = Assert.Throws<HpackException>(() => HeaderList.Decode(new HpackDecoder(4096, 65536, 128), hex));
        Assert.False(string.IsNullOrEmpty(error.Message), why);
    }

    [Fact]
    public void An_indexed_bomb_stops_at_the_header_list_size_counting_32_octets_per_field()
    {
        // One entry of 1 + 8 + 32 octets enters the table, then 100 one-octet references to it: 4141 octets decoded.
        var decoder = new HpackDecoder(4096, 4000, 1000);
        var block = Convert.FromHexString("400161086262626262626262" + string.Concat(Enumerable.Repeat("be", 100)));
        var limit = Assert.Throws<HeaderListLimitException>(() => decoder.Decode(block, new HeaderList()));
        Assert.False(limit.TooManyFields);

        var fieldCap = new HpackDecoder(4096, 1 << 20, 50);
        var capped = Assert.Throws<HeaderListLimitException>(() => fieldCap.Decode(Convert.FromHexString(string.Concat(Enumerable.Repeat("82", 51))), new HeaderList()));
        Assert.True(capped.TooManyFields);
        Assert.Equal(50, HeaderList.Decode(new HpackDecoder(4096, 1 << 20, 50), string.Concat(Enumerable.Repeat("82", 50))).Count);
    }
}
