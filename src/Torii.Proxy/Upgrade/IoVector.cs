using System.Runtime.InteropServices;

namespace Torii.Proxy.Upgrade;

/// <summary>struct iovec on 64-bit Linux: a base pointer and a size_t length.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct IoVector
{
    [FieldOffset(0)]
    public IntPtr Base;

    [FieldOffset(8)]
    public UIntPtr Length;
}
