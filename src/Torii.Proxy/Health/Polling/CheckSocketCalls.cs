using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Torii.Proxy.Health.Polling;

/// <summary>
/// The Linux calls a check's own connection needs, on a raw non-blocking descriptor: no .NET socket
/// object, no registration with the socket engine's epoll, so a check costs its own system calls and
/// no thread wake-up (socket(2), connect(2), getsockopt(2), send(2), recv(2), close(2), poll(2)).
/// </summary>
internal static class CheckSocketCalls
{
    public const int InProgress = 115;       // EINPROGRESS
    public const int WouldBlock = 11;        // EAGAIN
    public const int Interrupted = 4;        // EINTR

    private const int SockStream = 1;
    private const int SockNonBlock = 0x800;
    private const int SockCloseOnExec = 0x80000;
    private const int SolSocket = 1;
    private const int SoError = 4;
    private const int MsgNoSignal = 0x4000;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    /// <returns>The descriptor, or -errno.</returns>
    public static int Open(AddressFamily family)
    {
        var descriptor = socket(family == AddressFamily.InterNetworkV6 ? AfInet6 : AfInet, SockStream | SockNonBlock | SockCloseOnExec, 0);
        return descriptor >= 0 ? descriptor : -Marshal.GetLastPInvokeError();
    }

    /// <returns>0 when connected already, else the errno (<see cref="InProgress"/> while the handshake runs).</returns>
    public static int StartConnect(int descriptor, IPEndPoint address)
    {
        var socketAddress = Encode(address);
        while (true)
        {
            if (connect(descriptor, socketAddress, socketAddress.Length) == 0)
            {
                return 0;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error != Interrupted)
            {
                return error;
            }
        }
    }

    /// <summary>The outcome of a connect that was in progress: 0, or its errno (SO_ERROR).</summary>
    public static int PendingError(int descriptor)
    {
        var value = 0;
        var length = sizeof(int);
        return getsockopt(descriptor, SolSocket, SoError, ref value, ref length) == 0 ? value : Marshal.GetLastPInvokeError();
    }

    /// <returns>Bytes sent, or -errno.</returns>
    public static int Send(int descriptor, byte[] buffer, int offset, int count)
    {
        var sent = send(descriptor, ref buffer[offset], count, MsgNoSignal);
        return sent >= 0 ? (int)sent : -Marshal.GetLastPInvokeError();
    }

    /// <returns>Bytes received (0: the peer closed), or -errno.</returns>
    public static int Receive(int descriptor, byte[] buffer, int offset, int count)
    {
        var received = recv(descriptor, ref buffer[offset], count, 0);
        return received >= 0 ? (int)received : -Marshal.GetLastPInvokeError();
    }

    public static void Close(int descriptor) => _ = close(descriptor);

    /// <returns>How many descriptors have events, or -errno.</returns>
    public static int Poll(PollFd[] descriptors, int count, int timeoutMs)
    {
        var ready = poll(descriptors, (nuint)count, timeoutMs);
        return ready >= 0 ? ready : -Marshal.GetLastPInvokeError();
    }

    /// <summary>An errno as the name .NET gives it, so a check's failure reads the same whatever opened the connection.</summary>
    public static string Describe(int error) => error switch
    {
        111 => nameof(SocketError.ConnectionRefused),
        110 => nameof(SocketError.TimedOut),
        104 => nameof(SocketError.ConnectionReset),
        113 => nameof(SocketError.HostUnreachable),
        101 => nameof(SocketError.NetworkUnreachable),
        99 => nameof(SocketError.AddressNotAvailable),
        32 => nameof(SocketError.Shutdown),
        24 => nameof(SocketError.TooManyOpenSockets),
        _ => $"errno {error}",
    };

    /// <summary>struct sockaddr_in / sockaddr_in6: the family in host order, the port and address in network order.</summary>
    private static byte[] Encode(IPEndPoint address)
    {
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var encoded = new byte[v6 ? 28 : 16];
        BitConverter.TryWriteBytes(encoded.AsSpan(0, 2), v6 ? AfInet6 : AfInet);
        BinaryPrimitives.WriteUInt16BigEndian(encoded.AsSpan(2, 2), (ushort)address.Port);
        if (v6)
        {
            address.Address.TryWriteBytes(encoded.AsSpan(8, 16), out _);
            BitConverter.TryWriteBytes(encoded.AsSpan(24, 4), (uint)address.Address.ScopeId);
        }
        else
        {
            address.Address.TryWriteBytes(encoded.AsSpan(4, 4), out _);
        }

        return encoded;
    }

#pragma warning disable SYSLIB1054 // Blittable signatures: no generated marshalling is needed.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int connect(int descriptor, byte[] address, int length);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int getsockopt(int descriptor, int level, int name, ref int value, ref int length);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint send(int descriptor, ref byte buffer, nint length, int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint recv(int descriptor, ref byte buffer, nint length, int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int close(int descriptor);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int poll([In, Out] PollFd[] descriptors, nuint count, int timeoutMs);
#pragma warning restore SYSLIB1054
}
