using System.Runtime.InteropServices;

namespace Torii.Proxy.Upgrade;

/// <summary>
/// struct msghdr of Linux on 64-bit targets (x86_64 and arm64 share it): pointers and size_t are
/// 8 bytes, socklen_t and int are 4, and the compiler pads after msg_namelen and msg_flags.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 56)]
internal struct MessageHeader
{
    [FieldOffset(0)]
    public IntPtr Name;

    [FieldOffset(8)]
    public uint NameLength;

    [FieldOffset(16)]
    public IntPtr Vectors;

    [FieldOffset(24)]
    public UIntPtr VectorCount;

    [FieldOffset(32)]
    public IntPtr Control;

    [FieldOffset(40)]
    public UIntPtr ControlLength;

    [FieldOffset(48)]
    public int Flags;
}
