using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Torii.Proxy.Upgrade;

/// <summary>
/// Sends and receives file descriptors over a connected UNIX stream socket (SCM_RIGHTS ancillary
/// data, unix(7)). The control message is laid out by hand for 64-bit Linux:
/// struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } followed by the int array,
/// each control message padded to 8 bytes (CMSG_ALIGN).
/// </summary>
internal static class DescriptorPassing
{
    /// <summary>The kernel's SCM_MAX_FD: the most descriptors one message may carry.</summary>
    public const int MaxDescriptors = 253;

    private const int HeaderLength = 16;   // CMSG_LEN(0)
    private const int LevelOffset = 8;
    private const int TypeOffset = 12;
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int MsgNoSignal = 0x4000;
    private const int MsgControlTruncated = 0x8;   // MSG_CTRUNC
    private const int MsgCmsgCloexec = 0x40000000;
    private const int Eintr = 4;

    /// <summary>Sends all of <paramref name="data"/> with <paramref name="descriptors"/> attached to its first byte.</summary>
    public static void Send(Socket socket, byte[] data, IReadOnlyList<int> descriptors)
    {
        if (descriptors.Count > MaxDescriptors)
        {
            throw new ArgumentException($"at most {MaxDescriptors} descriptors fit in one message, not {descriptors.Count}", nameof(descriptors));
        }

        var control = new byte[Space(descriptors.Count)];
        BitConverter.TryWriteBytes(control.AsSpan(0, 8), (ulong)(HeaderLength + (4 * descriptors.Count)));
        BitConverter.TryWriteBytes(control.AsSpan(LevelOffset, 4), SolSocket);
        BitConverter.TryWriteBytes(control.AsSpan(TypeOffset, 4), ScmRights);
        for (var i = 0; i < descriptors.Count; i++)
        {
            BitConverter.TryWriteBytes(control.AsSpan(HeaderLength + (4 * i), 4), descriptors[i]);
        }

        var sent = Transfer(socket, data, 0, control, isSend: true, out _, out _);
        if (sent < data.Length)
        {
            // The descriptors travelled with the first byte; the rest is ordinary data.
            socket.Send(data, sent, data.Length - sent, SocketFlags.None);
        }
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes (at least one) and the descriptors that came
    /// with them, which are opened close-on-exec.
    /// </summary>
    public static int Receive(Socket socket, byte[] buffer, List<int> descriptors)
    {
        var control = new byte[Space(MaxDescriptors)];
        var received = Transfer(socket, buffer, MsgCmsgCloexec, control, isSend: false, out var flags, out var controlLength);
        for (var offset = 0; offset + HeaderLength <= controlLength;)
        {
            var length = (int)BitConverter.ToUInt64(control, offset);
            if (length < HeaderLength)
            {
                break;
            }

            if (BitConverter.ToInt32(control, offset + LevelOffset) == SolSocket && BitConverter.ToInt32(control, offset + TypeOffset) == ScmRights)
            {
                for (var at = offset + HeaderLength; at + 4 <= offset + length; at += 4)
                {
                    descriptors.Add(BitConverter.ToInt32(control, at));
                }
            }

            offset += Align(length);
        }

        if ((flags & MsgControlTruncated) != 0)
        {
            throw new IOException("descriptors were dropped: the control buffer was too small");
        }

        return received;
    }

    private static int Transfer(Socket socket, byte[] data, int flags, byte[] control, bool isSend, out int resultFlags, out int controlLength)
    {
        var dataHandle = GCHandle.Alloc(data, GCHandleType.Pinned);
        var controlHandle = GCHandle.Alloc(control, GCHandleType.Pinned);
        var vectorMemory = Marshal.AllocHGlobal(Marshal.SizeOf<IoVector>());
        try
        {
            Marshal.StructureToPtr(new IoVector { Base = dataHandle.AddrOfPinnedObject(), Length = (UIntPtr)data.Length }, vectorMemory, false);
            var header = new MessageHeader
            {
                Vectors = vectorMemory,
                VectorCount = 1,
                Control = controlHandle.AddrOfPinnedObject(),
                ControlLength = (UIntPtr)control.Length,
            };
            var fd = socket.SafeHandle.DangerousGetHandle().ToInt32();
            while (true)
            {
                var result = isSend ? SendMessage(fd, ref header, flags | MsgNoSignal) : ReceiveMessage(fd, ref header, flags);
                if (result >= 0)
                {
                    resultFlags = header.Flags;
                    controlLength = (int)header.ControlLength;
                    return (int)result;
                }

                var error = Marshal.GetLastPInvokeError();
                if (error != Eintr)
                {
                    throw new IOException($"{(isSend ? "sendmsg" : "recvmsg")} failed: {new Win32Exception(error).Message}");
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(vectorMemory);
            controlHandle.Free();
            dataHandle.Free();
        }
    }

    private static int Space(int descriptors) => HeaderLength + Align(4 * descriptors);

    private static int Align(int length) => (length + 7) & ~7;

    [DllImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // The structures are blittable; no generated marshalling is needed.
    private static extern nint SendMessage(int socket, ref MessageHeader message, int flags);

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint ReceiveMessage(int socket, ref MessageHeader message, int flags);
#pragma warning restore SYSLIB1054
}
