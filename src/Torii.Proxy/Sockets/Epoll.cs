using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Torii.Proxy.Sockets;

/// <summary>
/// The three epoll(7) calls. A <c>struct epoll_event</c> is a 32-bit event mask followed by 64 bits of
/// user data: packed (12 bytes) on x86-64, naturally aligned (16 bytes) elsewhere, so events are read
/// and written as bytes at the offsets of this architecture.
/// </summary>
internal static class Epoll
{
    public const uint In = 0x001;
    public const uint Out = 0x004;
    public const uint Error = 0x008;
    public const uint HangUp = 0x010;
    public const uint ReadHangUp = 0x2000;
    public const uint EdgeTriggered = 1u << 31;

    private const int ControlAdd = 1;
    private const int CloseOnExec = 0x80000;
    private const int Interrupted = 4;

    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static int Create()
    {
        var epoll = epoll_create1(CloseOnExec);
        return epoll >= 0 ? epoll : throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static void Add(int epoll, int descriptor, uint events, ulong data)
    {
        var entry = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(entry, events);
        BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(DataOffset), data);
        if (epoll_ctl(epoll, ControlAdd, descriptor, entry) != 0)
        {
            throw new IOException($"epoll_ctl(ADD) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for events into <paramref name="buffer"/> (pinned for the wait); returns how many arrived.</summary>
    public static int Wait(int epoll, byte[] buffer, int timeoutMs)
    {
        while (true)
        {
            var count = epoll_wait(epoll, buffer, buffer.Length / EventSize, timeoutMs);
            if (count >= 0)
            {
                return count;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                throw new IOException($"epoll_wait failed: errno {errno}");
            }
        }
    }

    public static uint EventsAt(byte[] buffer, int index) => BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(index * EventSize));

    public static ulong DataAt(byte[] buffer, int index) => BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan((index * EventSize) + DataOffset));

#pragma warning disable SYSLIB1054 // Blittable arguments: the byte arrays are pinned for the call, nothing is marshalled.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int epoll_create1(int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int epoll_ctl(int epoll, int operation, int descriptor, byte[] entry);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int epoll_wait(int epoll, byte[] events, int maxEvents, int timeoutMs);
#pragma warning restore SYSLIB1054
}
