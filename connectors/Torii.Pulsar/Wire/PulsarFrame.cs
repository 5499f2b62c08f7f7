using Torii.Pulsar.Proto;

namespace Torii.Pulsar.Wire;

/// <summary>
/// One decoded frame: a command, and for SEND and MESSAGE the message metadata and payload that follow it.
/// </summary>
public sealed class PulsarFrame
{
    public PulsarFrame(BaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Command = command;
    }

    public PulsarFrame(BaseCommand command, MessageMetadata metadata, ReadOnlyMemory<byte> payload, bool withChecksum = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(metadata);
        Command = command;
        Metadata = metadata;
        Payload = payload;
        Checksum = withChecksum ? FrameChecksum.Valid : FrameChecksum.None;
        HasPayloadSection = true;
    }

    private PulsarFrame(BaseCommand command, FrameChecksum checksum)
    {
        Command = command;
        Checksum = checksum;
        HasPayloadSection = true;
    }

    public BaseCommand Command { get; }

    public BaseCommand.Types.Type Type => Command.Type;

    /// <summary>True when bytes followed the command (SEND, MESSAGE), even if they failed their checksum.</summary>
    public bool HasPayloadSection { get; }

    /// <summary>The message metadata; null when there is no payload section or its checksum failed.</summary>
    public MessageMetadata? Metadata { get; }

    /// <summary>The message payload (for a batch, the packed entries); a copy that outlives the read buffer.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public FrameChecksum Checksum { get; }

    internal static PulsarFrame WithChecksumMismatch(BaseCommand command) => new(command, FrameChecksum.Mismatch);
}
