using System.Text;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Tests;

public sealed class Crc32CTests
{
    public static TheoryData<string, byte[], uint> KnownVectors() => new()
    {
        // The CRC catalogue's check value for CRC-32/ISCSI.
        { "123456789", Encoding.ASCII.GetBytes("123456789"), 0xE3069283u },
        { "empty", [], 0x00000000u },

        // RFC 3720, appendix B.4.
        { "32 zeros", new byte[32], 0x8A9136AAu },
        { "32 x 0xFF", Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43u },
        { "0..31", Enumerable.Range(0, 32).Select(value => (byte)value).ToArray(), 0x46DD794Eu },
        { "31..0", Enumerable.Range(0, 32).Select(value => (byte)(31 - value)).ToArray(), 0x113FDB5Cu },
    };

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Known_vectors_match(string name, byte[] data, uint expected)
    {
        Assert.True(Crc32C.Compute(data) == expected, $"{name}: 0x{Crc32C.Compute(data):X8} instead of 0x{expected:X8}");
        Assert.Equal(expected, Crc32C.AppendSoftware(0, data));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_on_every_length_and_alignment()
    {
        var random = new Random(20180716);
        byte[] data = new byte[300];
        random.NextBytes(data);
        for (int start = 0; start < 9; start++)
        {
            for (int length = 0; length + start <= data.Length; length += 7)
            {
                ReadOnlySpan<byte> slice = data.AsSpan(start, length);
                Assert.Equal(Crc32C.AppendSoftware(0, slice), Crc32C.Compute(slice));
            }
        }
    }

    [Fact]
    public void Appending_continues_an_earlier_checksum()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");

        uint appended = Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 4)), data.AsSpan(4));

        Assert.Equal(0xE3069283u, appended);
    }

    [Fact]
    public void A_sequence_in_many_segments_has_the_checksum_of_its_bytes()
    {
        byte[] data = Enumerable.Range(0, 1000).Select(value => (byte)(value * 31)).ToArray();

        Assert.Equal(Crc32C.Compute(data), Crc32C.Compute(Segments.Split(data, 13)));
    }
}
