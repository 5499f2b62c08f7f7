using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Torii.Proxy.Sockets;

/// <summary>
/// recv(2), send(2) and the non-blocking switch, called directly on a socket's descriptor. .NET's own
/// calls on a socket it was told is non-blocking go through a per-socket context of its engine (created
/// by <see cref="Socket.Blocking"/>), which a socket run by a <see cref="SocketLoop"/> never uses: for a
/// client connection that context was a fifth of what an idle keep-alive connection kept in memory.
/// The handle is passed as a <see cref="SafeHandle"/>, so a socket closed meanwhile cannot have its
/// descriptor number reused under a call in progress.
/// </summary>
internal static class SocketCalls
{
    private const int NoSignal = 0x4000;
    private const uint NonBlockingIo = 0x5421;

    private const int Interrupted = 4;
    private const int WouldBlock = 11;

    public static void SetNonBlocking(SafeSocketHandle handle)
    {
        var on = 1;
        if (ioctl(handle, NonBlockingIo, ref on) != 0)
        {
            throw new SocketException((int)ErrorOf(Marshal.GetLastPInvokeError()));
        }
    }

    /// <summary>Receives into <paramref name="buffer"/>: the byte count (0 at the end of the stream), or -1 and why.</summary>
    public static int Receive(SafeSocketHandle handle, Span<byte> buffer, out SocketError error)
    {
        while (true)
        {
            var received = recv(handle, ref MemoryMarshal.GetReference(buffer), buffer.Length, 0);
            if (received >= 0)
            {
                error = SocketError.Success;
                return (int)received;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                error = ErrorOf(errno);
                return -1;
            }
        }
    }

    /// <summary>Sends what the kernel takes of <paramref name="buffer"/>: the byte count, or -1 and why.</summary>
    public static int Send(SafeSocketHandle handle, ReadOnlySpan<byte> buffer, out SocketError error)
    {
        while (true)
        {
            var sent = send(handle, in MemoryMarshal.GetReference(buffer), buffer.Length, NoSignal);
            if (sent >= 0)
            {
                error = SocketError.Success;
                return (int)sent;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                error = ErrorOf(errno);
                return -1;
            }
        }
    }

    /// <summary>The Linux errno values a stream socket's calls report, as .NET names them.</summary>
    private static SocketError ErrorOf(int errno) => errno switch
    {
        WouldBlock => SocketError.WouldBlock,
        9 => SocketError.OperationAborted,
        22 => SocketError.InvalidArgument,
        32 => SocketError.Shutdown,
        100 or 101 => SocketError.NetworkUnreachable,
        103 => SocketError.ConnectionAborted,
        104 => SocketError.ConnectionReset,
        105 => SocketError.NoBufferSpaceAvailable,
        107 => SocketError.NotConnected,
        110 => SocketError.TimedOut,
        111 => SocketError.ConnectionRefused,
        113 => SocketError.HostUnreachable,
        _ => SocketError.SocketError,
    };

#pragma warning disable SYSLIB1054 // The spans are passed by reference and pinned for the call; the handle is counted for it.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ioctl(SafeSocketHandle descriptor, uint request, ref int value);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint recv(SafeSocketHandle descriptor, ref byte buffer, nint length, int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint send(SafeSocketHandle descriptor, in byte buffer, nint length, int flags);
#pragma warning restore SYSLIB1054
}
