using System.Buffers;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Tests;

/// <summary>
/// Every command the client sends, against a frame written out by hand from PulsarApi.proto's field numbers:
/// <c>[total size][command size][BaseCommand]</c>, big-endian sizes, protobuf tags <c>(field &lt;&lt; 3) | wire type</c>.
/// The SEND frame's CRC-32C was computed apart from this code base, over its metadata size, metadata and payload.
/// </summary>
public sealed class ClientFrameBytesTests
{
    private const string Topic = "70 65 72 73 69 73 74 65 6e 74 3a 2f 2f 70 2f 6e 2f 74"; // "persistent://p/n/t", 18 bytes

    [Fact]
    public void Ping()
    {
        AssertEncodes(
            ClientCommands.Ping(),
            "00 00 00 09", "00 00 00 05",
            "08 12",    // type (1, varint) = PING (18)
            "92 01 00"); // ping (18, length-delimited: tag 0x92 0x01), empty
    }

    [Fact]
    public void Pong()
    {
        AssertEncodes(
            ClientCommands.Pong(),
            "00 00 00 09", "00 00 00 05",
            "08 13",    // type = PONG (19)
            "9a 01 00"); // pong (19), empty
    }

    [Fact]
    public void Connect()
    {
        AssertEncodes(
            ClientCommands.Connect("torii-test", authToken: null, proxyToBrokerUrl: null),
            "00 00 00 16", "00 00 00 12",
            "08 02",                              // type = CONNECT (2)
            "12 0e",                              // connect (2), 14 bytes
            "0a 0a 74 6f 72 69 69 2d 74 65 73 74", //   client_version (1) = "torii-test"
            "20 0c");                             //   protocol_version (4, varint) = 12
    }

    [Fact]
    public void Connect_with_a_token_through_a_proxy()
    {
        AssertEncodes(
            ClientCommands.Connect("c", authToken: "tok", proxyToBrokerUrl: "pulsar://b:6650"),
            "00 00 00 2a", "00 00 00 26",
            "08 02",
            "12 22",                                             // connect, 34 bytes
            "0a 01 63",                                          //   client_version = "c"
            "1a 03 74 6f 6b",                                    //   auth_data (3, bytes) = "tok"
            "20 0c",                                             //   protocol_version = 12
            "2a 05 74 6f 6b 65 6e",                              //   auth_method_name (5) = "token"
            "32 0f 70 75 6c 73 61 72 3a 2f 2f 62 3a 36 36 35 30"); //   proxy_to_broker_url (6) = "pulsar://b:6650"
    }

    [Fact]
    public void Partitioned_metadata()
    {
        AssertEncodes(
            ClientCommands.PartitionedMetadata("persistent://p/n/t", requestId: 3),
            "00 00 00 1f", "00 00 00 1b",
            "08 15",       // type = PARTITIONED_METADATA (21)
            "aa 01 16",    // partitionMetadata (21: tag 0xaa 0x01), 22 bytes
            "0a 12", Topic, //   topic (1)
            "10 03");      //   request_id (2) = 3
    }

    [Fact]
    public void Lookup()
    {
        AssertEncodes(
            ClientCommands.Lookup("persistent://p/n/t", requestId: 4, authoritative: true),
            "00 00 00 21", "00 00 00 1d",
            "08 17",       // type = LOOKUP (23)
            "ba 01 18",    // lookupTopic (23), 24 bytes
            "0a 12", Topic, //   topic (1)
            "10 04",       //   request_id (2) = 4
            "18 01");      //   authoritative (3) = true
    }

    [Fact]
    public void Subscribe()
    {
        var options = new ConsumerOptions
        {
            Topic = "persistent://p/n/t",
            SubscriptionName = "sub",
            SubscriptionType = SubscriptionType.Shared,
            InitialPosition = SubscriptionInitialPosition.Earliest,
            ConsumerName = "c1",
        };

        AssertEncodes(
            ClientCommands.Subscribe("persistent://p/n/t", options, consumerId: 1, requestId: 2),
            "00 00 00 2d", "00 00 00 29",
            "08 04",       // type = SUBSCRIBE (4)
            "22 25",       // subscribe (4), 37 bytes
            "0a 12", Topic, //   topic (1)
            "12 03 73 75 62", //   subscription (2) = "sub"
            "18 01",       //   subType (3) = Shared (1)
            "20 01",       //   consumer_id (4) = 1
            "28 02",       //   request_id (5) = 2
            "32 02 63 31", //   consumer_name (6) = "c1"
            "68 01");      //   initialPosition (13, varint: tag 0x68) = Earliest (1)
    }

    [Fact]
    public void Flow()
    {
        AssertEncodes(
            ClientCommands.Flow(consumerId: 7, permits: 500),
            "00 00 00 0d", "00 00 00 09",
            "08 0b",     // type = FLOW (11)
            "5a 05",     // flow (11), 5 bytes
            "08 07",     //   consumer_id (1) = 7
            "10 f4 03"); //   messagePermits (2) = 500, a two-byte varint
    }

    [Fact]
    public void Ack()
    {
        AssertEncodes(
            ClientCommands.Ack(consumerId: 5, new MessageIdData { LedgerId = 10, EntryId = 20 }),
            "00 00 00 12", "00 00 00 0e",
            "08 0a",                // type = ACK (10)
            "52 0a",                // ack (10), 10 bytes
            "08 05",                //   consumer_id (1) = 5
            "10 00",                //   ack_type (2) = Individual (0), required so written
            "1a 04 08 0a 10 14");   //   message_id (3) = { ledgerId (1) = 10, entryId (2) = 20 }
    }

    [Fact]
    public void Ack_of_a_message_that_failed_validation()
    {
        AssertEncodes(
            ClientCommands.Ack(consumerId: 5, new MessageIdData { LedgerId = 10, EntryId = 20 }, CommandAck.Types.ValidationError.ChecksumMismatch),
            "00 00 00 14", "00 00 00 10",
            "08 0a",
            "52 0c",
            "08 05", "10 00", "1a 04 08 0a 10 14",
            "20 02"); //   validation_error (4) = ChecksumMismatch (2)
    }

    [Fact]
    public void Close_consumer()
    {
        AssertEncodes(
            ClientCommands.CloseConsumer(consumerId: 5, requestId: 6),
            "00 00 00 0d", "00 00 00 09",
            "08 10",       // type = CLOSE_CONSUMER (16)
            "82 01 04",    // close_consumer (16: tag 0x82 0x01), 4 bytes
            "08 05 10 06"); //   consumer_id (1) = 5, request_id (2) = 6
    }

    [Fact]
    public void Producer()
    {
        AssertEncodes(
            ClientCommands.Producer("persistent://p/n/t", producerId: 3, requestId: 4, producerName: "prod"),
            "00 00 00 26", "00 00 00 22",
            "08 05",       // type = PRODUCER (5)
            "2a 1e",       // producer (5), 30 bytes
            "0a 12", Topic, //   topic (1)
            "10 03",       //   producer_id (2) = 3
            "18 04",       //   request_id (3) = 4
            "22 04 70 72 6f 64"); // producer_name (4) = "prod"
    }

    [Fact]
    public void Close_producer()
    {
        AssertEncodes(
            ClientCommands.CloseProducer(producerId: 3, requestId: 9),
            "00 00 00 0c", "00 00 00 08",
            "08 0f",       // type = CLOSE_PRODUCER (15)
            "7a 04",       // close_producer (15), 4 bytes
            "08 03 10 09"); //   producer_id (1) = 3, request_id (2) = 9
    }

    [Fact]
    public void Send_with_its_checksum_metadata_and_payload()
    {
        var metadata = new MessageMetadata { ProducerName = "p", SequenceId = 0, PublishTime = 1_700_000_000_000 };
        byte[] expected = Hex.Bytes(
            "00 00 00 24",             // total size: 36 bytes follow
            "00 00 00 08",             // command size
            "08 06 32 04 08 01 10 00", // type = SEND (6); send (6) = { producer_id (1) = 1, sequence_id (2) = 0 }
            "0e 01",                   // checksum magic
            "5b 4c 69 ac",             // CRC-32C of everything after it
            "00 00 00 0c",             // metadata size
            "0a 01 70",                //   producer_name (1) = "p"
            "10 00",                   //   sequence_id (2) = 0
            "18 80 d0 95 ff bc 31",    //   publish_time (3) = 1700000000000, a six-byte varint
            "68 69");                  // payload "hi"
        var output = new ArrayBufferWriter<byte>();

        FrameEncoder.WritePayloadCommand(output, ClientCommands.Send(producerId: 1, sequenceId: 0), metadata, "hi"u8);

        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    private static void AssertEncodes(BaseCommand command, params string[] expectedHex)
    {
        Assert.Equal(Hex.Bytes(expectedHex), FrameEncoder.ToArray(new PulsarFrame(command)));
    }
}
