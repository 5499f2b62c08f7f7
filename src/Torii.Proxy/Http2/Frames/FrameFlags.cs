namespace Torii.Proxy.Http2.Frames;

/// <summary>The flag bits of RFC 9113 §6; each has its meaning only on the frame types that define it.</summary>
public static class FrameFlags
{
    public const byte EndStream = 0x1;
    public const byte Ack = 0x1;
    public const byte EndHeaders = 0x4;
    public const byte Padded = 0x8;
    public const byte Priority = 0x20;
}
