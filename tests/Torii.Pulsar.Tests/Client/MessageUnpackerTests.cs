using System.IO.Compression;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Tests;

public sealed class MessageUnpackerTests
{
    private const string Topic = "persistent://public/default/t";

    [Fact]
    public void A_single_message_keeps_its_metadata()
    {
        MessageMetadata metadata = Metadata();
        metadata.PartitionKey = "key";
        metadata.EventTime = 1_700_000_000_500;

        PulsarMessage message = Assert.Single(MessageUnpacker.Unpack(Topic, Command(3), metadata, "hello"u8.ToArray(), 1024));

        Assert.Equal(new MessageId(5, 9), message.MessageId);
        Assert.Equal("hello"u8.ToArray(), message.Payload.ToArray());
        Assert.Equal("application/json", message.Properties["content-type"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), message.PublishTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), message.EventTime);
        Assert.Equal("key", message.Key);
        Assert.Equal("producer", message.ProducerName);
        Assert.Equal(41ul, message.SequenceId);
        Assert.Equal(3u, message.RedeliveryCount);
        Assert.Equal(Topic, message.Topic);
    }

    [Fact]
    public void A_batch_becomes_one_message_per_entry_with_its_batch_index()
    {
        MessageMetadata metadata = Metadata();
        metadata.NumMessagesInBatch = 3;
        byte[] payload = BatchPayload.Write(
        [
            new BatchEntry(new SingleMessageMetadata { Properties = { new KeyValue { Key = "n", Value = "0" } } }, "a"u8.ToArray()),
            new BatchEntry(new SingleMessageMetadata { SequenceId = 100 }, "b"u8.ToArray()),
            new BatchEntry(new SingleMessageMetadata(), "c"u8.ToArray()),
        ]);

        IReadOnlyList<PulsarMessage> messages = MessageUnpacker.Unpack(Topic, Command(0), metadata, payload, 1024);

        Assert.Equal([new MessageId(5, 9, -1, 0), new MessageId(5, 9, -1, 1), new MessageId(5, 9, -1, 2)], messages.Select(message => message.MessageId));
        Assert.Equal(["a", "b", "c"], messages.Select(message => System.Text.Encoding.UTF8.GetString(message.Payload.Span)));
        Assert.Equal("0", messages[0].Properties["n"]);
        Assert.Empty(messages[1].Properties);
        Assert.Equal([41ul, 100ul, 43ul], messages.Select(message => message.SequenceId));
        Assert.Equal(3, MessageUnpacker.PermitsOf(metadata));
    }

    [Fact]
    public void A_zlib_payload_is_inflated()
    {
        byte[] original = [.. Enumerable.Range(0, 2000).Select(value => (byte)(value % 7))];
        MessageMetadata metadata = Metadata();
        metadata.Compression = CompressionType.Zlib;
        metadata.UncompressedSize = (uint)original.Length;

        PulsarMessage message = Assert.Single(MessageUnpacker.Unpack(Topic, Command(0), metadata, Deflate(original), 4096));

        Assert.Equal(original, message.Payload.ToArray());
    }

    [Fact]
    public void An_uncompressed_size_over_the_limit_is_refused_before_inflating()
    {
        MessageMetadata metadata = Metadata();
        metadata.Compression = CompressionType.Zlib;
        metadata.UncompressedSize = 1_000_000;

        var error = Assert.Throws<InvalidMessageException>(() => MessageUnpacker.Unpack(Topic, Command(0), metadata, Deflate([1, 2, 3]), 4096));

        Assert.Equal(CommandAck.Types.ValidationError.UncompressedSizeCorruption, error.Reason);
    }

    [Fact]
    public void An_unsupported_compression_is_reported_as_a_decompression_error()
    {
        MessageMetadata metadata = Metadata();
        metadata.Compression = CompressionType.Lz4;

        var error = Assert.Throws<InvalidMessageException>(() => MessageUnpacker.Unpack(Topic, Command(0), metadata, new byte[4], 4096));

        Assert.Equal(CommandAck.Types.ValidationError.DecompressionError, error.Reason);
    }

    [Fact]
    public void A_batch_that_does_not_parse_is_reported_as_such()
    {
        MessageMetadata metadata = Metadata();
        metadata.NumMessagesInBatch = 2;

        var error = Assert.Throws<InvalidMessageException>(() => MessageUnpacker.Unpack(Topic, Command(0), metadata, new byte[3], 4096));

        Assert.Equal(CommandAck.Types.ValidationError.BatchDeSerializeError, error.Reason);
    }

    private static CommandMessage Command(uint redeliveryCount) => new()
    {
        ConsumerId = 1,
        MessageId = new MessageIdData { LedgerId = 5, EntryId = 9 },
        RedeliveryCount = redeliveryCount,
    };

    private static MessageMetadata Metadata() => new()
    {
        ProducerName = "producer",
        SequenceId = 41,
        PublishTime = 1_700_000_000_000,
        Properties = { new KeyValue { Key = "content-type", Value = "application/json" } },
    };

    private static byte[] Deflate(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var deflater = new ZLibStream(compressed, CompressionLevel.Optimal))
        {
            deflater.Write(data);
        }

        return compressed.ToArray();
    }
}
