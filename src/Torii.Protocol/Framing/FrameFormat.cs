namespace Torii.Protocol;

/// <summary>
/// Sōzu's command framing: an 8-byte little-endian unsigned length that counts
/// itself, followed by one protobuf message.
/// </summary>
public static class FrameFormat
{
    public const int HeaderSize = sizeof(ulong);

    /// <summary>Default bound on a whole frame (header included): 16 MiB.</summary>
    public const long DefaultMaxFrameSize = 16L * 1024 * 1024;
}
