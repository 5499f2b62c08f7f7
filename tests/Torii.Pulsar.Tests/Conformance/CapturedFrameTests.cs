using System.Buffers;
using Google.Protobuf.Reflection;
using Torii.Pulsar.Proto;
using Torii.Pulsar.Wire;

namespace Torii.Pulsar.Tests;

/// <summary>
/// Frames a real broker and client exchanged (../shared/conformance/pulsar-frames). A file holds
/// the frames of one read from the socket: usually one, sometimes several of the same command.
/// </summary>
public sealed class CapturedFrameTests
{
    public static TheoryData<string> FrameFiles()
    {
        var files = new TheoryData<string>();
        string? folder = ConformanceFolder.TryLocateFrames(out _);
        if (folder is null)
        {
            // The theory is skipped before its data is read; nothing stands in for the frames.
            return files;
        }

        foreach (string path in Directory.EnumerateFiles(folder, "*.frame").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(path));
        }

        return files;
    }

    [ConformanceTheory]
    [MemberData(nameof(FrameFiles))]
    public void Frame_decodes_to_the_command_its_name_says_and_reencodes_to_the_same_bytes(string fileName)
    {
        byte[] captured = File.ReadAllBytes(Path.Combine(ConformanceFolder.LocateFrames(), fileName));
        BaseCommand.Types.Type expected = CommandTypeNamed(fileName);

        IReadOnlyList<PulsarFrame> frames = FrameDecoder.DecodeAll(captured);

        Assert.NotEmpty(frames);
        var reencoded = new ArrayBufferWriter<byte>();
        foreach (PulsarFrame frame in frames)
        {
            Assert.Equal(expected, frame.Type);
            Assert.True(HasBodyOfItsType(frame.Command), $"{frame.Type} frame lacks its {frame.Type} body");
            if (expected is BaseCommand.Types.Type.Send or BaseCommand.Types.Type.Message)
            {
                Assert.Equal(FrameChecksum.Valid, frame.Checksum);
                Assert.NotNull(frame.Metadata);
                Assert.False(frame.Payload.IsEmpty);
            }
            else
            {
                Assert.False(frame.HasPayloadSection);
            }

            FrameEncoder.Write(reencoded, frame);
        }

        Assert.Equal(captured, reencoded.WrittenSpan.ToArray());
    }

    [ConformanceFact]
    public void Conformance_folder_holds_frames_of_every_command_of_the_subset()
    {
        string[] names = [.. Directory.EnumerateFiles(ConformanceFolder.LocateFrames(), "*.frame").Select(CommandNameOf)];

        var subset = new HashSet<string>
        {
            "CONNECT", "CONNECTED", "PARTITIONED_METADATA", "PARTITIONED_METADATA_RESPONSE", "LOOKUP", "LOOKUP_RESPONSE",
            "SUBSCRIBE", "FLOW", "MESSAGE", "ACK", "PRODUCER", "PRODUCER_SUCCESS", "SEND", "SEND_RECEIPT", "SUCCESS",
            "CLOSE_CONSUMER", "CLOSE_PRODUCER",
        };
        Assert.Superset(subset, names.ToHashSet());
    }

    [ConformanceFact]
    public void Captured_commands_carry_the_values_a_real_broker_and_client_exchanged()
    {
        string folder = ConformanceFolder.LocateFrames();
        PulsarFrame Read(string fileName) => Assert.Single(FrameDecoder.DecodeAll(File.ReadAllBytes(Path.Combine(folder, fileName))));

        CommandConnect connect = Read("1531782768715327000-CONNECT.frame").Command.Connect;
        Assert.Equal("1.22.1-incubating", connect.ClientVersion);
        Assert.Equal(11, connect.ProtocolVersion);
        Assert.Equal("none", connect.AuthMethodName);

        CommandLookupTopicResponse lookup = Read("1531782769228291000-LOOKUP_RESPONSE.frame").Command.LookupTopicResponse;
        Assert.Equal(CommandLookupTopicResponse.Types.LookupType.Connect, lookup.Response);
        Assert.Equal("pulsar://localhost:6650", lookup.BrokerServiceUrl);
        Assert.True(lookup.Authoritative);

        CommandSubscribe subscribe = Read("1531782769235431000-SUBSCRIBE.frame").Command.Subscribe;
        Assert.Equal("persistent://sample/standalone/ns1/demo", subscribe.Topic);
        Assert.Equal(CommandSubscribe.Types.SubType.Exclusive, subscribe.SubType);
        Assert.Equal("persistent://sample/standalone/ns1/demo", TopicName.Normalize(subscribe.Topic));

        PulsarFrame message = Read("1531782771232440000-MESSAGE.frame");
        Assert.Equal("Hello world", System.Text.Encoding.UTF8.GetString(message.Payload.Span));
        Assert.Equal("standalone-0-0", message.Metadata!.ProducerName);
        Assert.Equal(new MessageId(0, 0), MessageId.FromProto(message.Command.Message.MessageId));

        // The broker starts CLOSE_CONSUMER itself, with request id -1.
        Assert.Equal(ulong.MaxValue, Read("1531782782998976000-CLOSE_CONSUMER.frame").Command.CloseConsumer.RequestId);
    }

    [ConformanceFact]
    public void A_captured_send_with_one_payload_byte_changed_fails_its_checksum()
    {
        string path = Directory.EnumerateFiles(ConformanceFolder.LocateFrames(), "*-SEND.frame").Order(StringComparer.Ordinal).First();
        byte[] tampered = File.ReadAllBytes(path);
        tampered[^1] ^= 0x01;

        PulsarFrame frame = Assert.Single(FrameDecoder.DecodeAll(tampered));

        Assert.Equal(FrameChecksum.Mismatch, frame.Checksum);
        Assert.Null(frame.Metadata);
    }

    private static string CommandNameOf(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? name : name[(dash + 1)..];
    }

    private static BaseCommand.Types.Type CommandTypeNamed(string fileName)
    {
        string name = CommandNameOf(fileName);
        EnumValueDescriptor? value = BaseCommand.Descriptor.EnumTypes.Single(type => type.Name == "Type").FindValueByName(name);
        Assert.True(value is not null, $"'{fileName}' does not name a Pulsar command");
        return (BaseCommand.Types.Type)value.Number;
    }

    /// <summary>In BaseCommand each command's body is the field whose number is the command's type.</summary>
    private static bool HasBodyOfItsType(BaseCommand command)
    {
        FieldDescriptor? body = BaseCommand.Descriptor.FindFieldByNumber((int)command.Type);
        return body is not null && body.Accessor.HasValue(command);
    }
}
