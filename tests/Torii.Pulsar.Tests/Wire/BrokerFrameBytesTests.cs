using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Tests;

/// <summary>
/// Every command the client reads from a broker, from a frame written out by hand from PulsarApi.proto's field
/// numbers, checked field by field after decoding. The MESSAGE frame's CRC-32C was computed apart from this
/// code base, over its metadata size, metadata and payload.
/// </summary>
public sealed class BrokerFrameBytesTests
{
    private static readonly byte[] MessageFrame = Hex.Bytes(
        "00 00 00 34",                   // total size: 52 bytes follow
        "00 00 00 0d",                   // command size
        "08 09",                         // type = MESSAGE (9)
        "4a 09",                         // message (9), 9 bytes
        "08 02",                         //   consumer_id (1) = 2
        "12 05 08 ac 02 10 01",          //   message_id (2) = { ledgerId (1) = 300, entryId (2) = 1 }
        "0e 01",                         // checksum magic
        "5e f4 d5 79",                   // CRC-32C of everything after it
        "00 00 00 14",                   // metadata size
        "0a 01 70",                      //   producer_name (1) = "p"
        "10 00",                         //   sequence_id (2) = 0
        "18 80 d0 95 ff bc 31",          //   publish_time (3) = 1700000000000
        "22 06 0a 01 6b 12 01 76",       //   properties (4) = { key (1) = "k", value (2) = "v" }
        "68 65 6c 6c 6f");               // payload "hello"

    [Fact]
    public void Connected()
    {
        CommandConnected connected = Decode(
            BaseCommand.Types.Type.Connected,
            "00 00 00 17", "00 00 00 13",
            "08 03",                    // type = CONNECTED (3)
            "1a 0f",                    // connected (3), 15 bytes
            "0a 06 32 2e 31 31 2e 30",  //   server_version (1) = "2.11.0"
            "10 0c",                    //   protocol_version (2) = 12
            "18 80 80 c0 02").Connected; //   max_message_size (3) = 5242880

        Assert.Equal("2.11.0", connected.ServerVersion);
        Assert.Equal(12, connected.ProtocolVersion);
        Assert.Equal(5 * 1024 * 1024, connected.MaxMessageSize);
    }

    [Fact]
    public void Success()
    {
        CommandSuccess success = Decode(
            BaseCommand.Types.Type.Success,
            "00 00 00 0a", "00 00 00 06",
            "08 0d",          // type = SUCCESS (13)
            "6a 02 08 07").Success; // success (13) = { request_id (1) = 7 }

        Assert.Equal(7UL, success.RequestId);
    }

    [Fact]
    public void Error()
    {
        CommandError error = Decode(
            BaseCommand.Types.Type.Error,
            "00 00 00 16", "00 00 00 12",
            "08 0e",                          // type = ERROR (14)
            "72 0e",                          // error (14), 14 bytes
            "08 08",                          //   request_id (1) = 8
            "10 0b",                          //   error (2) = TopicNotFound (11)
            "1a 08 6e 6f 20 74 6f 70 69 63").Error; //   message (3) = "no topic"

        Assert.Equal(8UL, error.RequestId);
        Assert.Equal(ServerError.TopicNotFound, error.Error);
        Assert.Equal("no topic", error.Message);
    }

    [Fact]
    public void Producer_success_with_a_negative_last_sequence_id()
    {
        CommandProducerSuccess success = Decode(
            BaseCommand.Types.Type.ProducerSuccess,
            "00 00 00 26", "00 00 00 22",
            "08 11",                                          // type = PRODUCER_SUCCESS (17)
            "8a 01 1d",                                       // producer_success (17), 29 bytes
            "08 04",                                          //   request_id (1) = 4
            "12 0e 73 74 61 6e 64 61 6c 6f 6e 65 2d 30 2d 31", //   producer_name (2) = "standalone-0-1"
            "18 ff ff ff ff ff ff ff ff ff 01").ProducerSuccess; // last_sequence_id (3, int64) = -1: ten bytes

        Assert.Equal(4UL, success.RequestId);
        Assert.Equal("standalone-0-1", success.ProducerName);
        Assert.Equal(-1L, success.LastSequenceId);
    }

    [Fact]
    public void Send_receipt()
    {
        CommandSendReceipt receipt = Decode(
            BaseCommand.Types.Type.SendReceipt,
            "00 00 00 12", "00 00 00 0e",
            "08 07",                 // type = SEND_RECEIPT (7)
            "3a 0a",                 // send_receipt (7), 10 bytes
            "08 01",                 //   producer_id (1) = 1
            "10 00",                 //   sequence_id (2) = 0
            "1a 04 08 0b 10 16").SendReceipt; // message_id (3) = { ledgerId = 11, entryId = 22 }

        Assert.Equal(1UL, receipt.ProducerId);
        Assert.Equal(0UL, receipt.SequenceId);
        Assert.Equal(new MessageId(11, 22), MessageId.FromProto(receipt.MessageId));
    }

    [Fact]
    public void Send_error()
    {
        CommandSendError error = Decode(
            BaseCommand.Types.Type.SendError,
            "00 00 00 17", "00 00 00 13",
            "08 08",                       // type = SEND_ERROR (8)
            "42 0f",                       // send_error (8), 15 bytes
            "08 01",                       //   producer_id (1) = 1
            "10 05",                       //   sequence_id (2) = 5
            "18 09",                       //   error (3) = ChecksumError (9)
            "22 07 62 61 64 20 63 72 63").SendError; // message (4) = "bad crc"

        Assert.Equal((1UL, 5UL), (error.ProducerId, error.SequenceId));
        Assert.Equal(ServerError.ChecksumError, error.Error);
        Assert.Equal("bad crc", error.Message);
    }

    [Fact]
    public void Message_with_its_checksum_metadata_and_payload()
    {
        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(MessageFrame));

        Assert.Equal(BaseCommand.Types.Type.Message, frame.Type);
        Assert.Equal(2UL, frame.Command.Message.ConsumerId);
        Assert.Equal(new MessageId(300, 1), MessageId.FromProto(frame.Command.Message.MessageId));
        Assert.Equal(FrameChecksum.Valid, frame.Checksum);
        MessageMetadata metadata = Assert.IsType<MessageMetadata>(frame.Metadata);
        Assert.Equal(("p", 0UL, 1_700_000_000_000UL), (metadata.ProducerName, metadata.SequenceId, metadata.PublishTime));
        KeyValue property = Assert.Single(metadata.Properties);
        Assert.Equal(("k", "v"), (property.Key, property.Value));
        Assert.Equal("hello"u8.ToArray(), frame.Payload.ToArray());
        Assert.Equal(MessageFrame, FrameEncoder.ToArray(frame));
    }

    [Fact]
    public void Message_whose_checksum_is_off_by_one_bit_keeps_its_command_but_not_its_payload()
    {
        byte[] tampered = [.. MessageFrame];
        tampered[23] ^= 0x01; // the checksum starts after 4 + 4 + 13 size and command bytes and the 2-byte magic

        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(tampered));

        Assert.Equal(FrameChecksum.Mismatch, frame.Checksum);
        Assert.Equal(2UL, frame.Command.Message.ConsumerId);
        Assert.Null(frame.Metadata);
    }

    [Fact]
    public void Lookup_response()
    {
        CommandLookupTopicResponse response = Decode(
            BaseCommand.Types.Type.LookupResponse,
            "00 00 00 20", "00 00 00 1c",
            "08 18",                                             // type = LOOKUP_RESPONSE (24)
            "c2 01 17",                                          // lookupTopicResponse (24), 23 bytes
            "0a 0f 70 75 6c 73 61 72 3a 2f 2f 62 3a 36 36 35 30", //   brokerServiceUrl (1) = "pulsar://b:6650"
            "18 01",                                             //   response (3) = Connect (1)
            "20 04",                                             //   request_id (4) = 4
            "28 01").LookupTopicResponse;                        //   authoritative (5) = true

        Assert.Equal("pulsar://b:6650", response.BrokerServiceUrl);
        Assert.Equal(CommandLookupTopicResponse.Types.LookupType.Connect, response.Response);
        Assert.Equal(4UL, response.RequestId);
        Assert.True(response.Authoritative);
        Assert.False(response.HasBrokerServiceUrlTls);
    }

    [Fact]
    public void Partitioned_metadata_response()
    {
        CommandPartitionedTopicMetadataResponse response = Decode(
            BaseCommand.Types.Type.PartitionedMetadataResponse,
            "00 00 00 0f", "00 00 00 0b",
            "08 16",                          // type = PARTITIONED_METADATA_RESPONSE (22)
            "b2 01 06",                       // partitionMetadataResponse (22), 6 bytes
            "08 04",                          //   partitions (1) = 4
            "10 03",                          //   request_id (2) = 3
            "18 00").PartitionMetadataResponse; // response (3) = Success (0)

        Assert.Equal(4U, response.Partitions);
        Assert.Equal(3UL, response.RequestId);
        Assert.True(response.HasResponse);
        Assert.Equal(CommandPartitionedTopicMetadataResponse.Types.LookupType.Success, response.Response);
    }

    [Fact]
    public void Close_consumer_started_by_the_broker()
    {
        CommandCloseConsumer close = Decode(
            BaseCommand.Types.Type.CloseConsumer,
            "00 00 00 16", "00 00 00 12",
            "08 10",                                  // type = CLOSE_CONSUMER (16)
            "82 01 0d",                               // close_consumer (16), 13 bytes
            "08 02",                                  //   consumer_id (1) = 2
            "10 ff ff ff ff ff ff ff ff ff 01").CloseConsumer; // request_id (2) = 2^64 - 1: ten bytes

        Assert.Equal(2UL, close.ConsumerId);
        Assert.Equal(ulong.MaxValue, close.RequestId);
    }

    [Fact]
    public void Close_producer_started_by_the_broker()
    {
        CommandCloseProducer close = Decode(
            BaseCommand.Types.Type.CloseProducer,
            "00 00 00 0c", "00 00 00 08",
            "08 0f",                   // type = CLOSE_PRODUCER (15)
            "7a 04 08 03 10 09").CloseProducer; // close_producer (15) = { producer_id = 3, request_id = 9 }

        Assert.Equal((3UL, 9UL), (close.ProducerId, close.RequestId));
    }

    [Fact]
    public void Ping_and_pong()
    {
        Assert.NotNull(Decode(BaseCommand.Types.Type.Ping, "00 00 00 09 00 00 00 05", "08 12", "92 01 00").Ping);
        Assert.NotNull(Decode(BaseCommand.Types.Type.Pong, "00 00 00 09 00 00 00 05", "08 13", "9a 01 00").Pong);
    }

    /// <summary>Decodes one command-only frame and checks its type; the caller checks the body.</summary>
    private static BaseCommand Decode(BaseCommand.Types.Type type, params string[] frameHex)
    {
        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(Hex.Bytes(frameHex)));
        Assert.Equal(type, frame.Type);
        Assert.False(frame.HasPayloadSection);
        return frame.Command;
    }
}
