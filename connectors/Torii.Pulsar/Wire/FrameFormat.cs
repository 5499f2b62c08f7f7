namespace Torii.Pulsar.Wire;

/// <summary>Sizes and markers of Pulsar's frame layout.</summary>
public static class FrameFormat
{
    /// <summary>Bytes of each big-endian size field (total size, command size, metadata size).</summary>
    public const int SizeFieldLength = 4;

    /// <summary>Marks a CRC-32C checksum between the command and the message metadata.</summary>
    public const ushort ChecksumMagic = 0x0e01;

    /// <summary>Bytes of the checksum marker plus the checksum.</summary>
    public const int ChecksumSectionLength = 2 + 4;

    /// <summary>Pulsar's default largest message (broker setting <c>maxMessageSize</c>).</summary>
    public const int DefaultMaxMessageSize = 5 * 1024 * 1024;

    /// <summary>Room a broker allows on top of the message for command and metadata.</summary>
    public const int FramePadding = 10 * 1024;

    /// <summary>Largest whole frame accepted by default, total-size field included.</summary>
    public const int DefaultMaxFrameSize = DefaultMaxMessageSize + FramePadding;
}
