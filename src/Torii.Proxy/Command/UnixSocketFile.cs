using System.Net.Sockets;
using System.Runtime.InteropServices;
using Torii.Proxy.State;

namespace Torii.Proxy.Command;

/// <summary>Creates the command socket file, owner-only, replacing a stale one but never a live one.</summary>
public static partial class UnixSocketFile
{
    private const uint OwnerOnlyMask = 0x3F; // 077: the socket is never reachable by others, not even between bind and chmod.

    public static Socket Listen(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        EnsureNotServed(path);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            var previousMask = umask(OwnerOnlyMask);
            try
            {
                socket.Bind(new UnixDomainSocketEndPoint(path));
            }
            finally
            {
                umask(previousMask);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            socket.Listen(64);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Refuses to go on when another process answers on the socket: two proxies must never share one.</summary>
    public static void EnsureNotServed(string path)
    {
        if (File.Exists(path) && IsLive(path))
        {
            throw new CommandException($"another process is already serving the command socket {path}");
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Already gone, or replaced by a newer process: either way not ours to keep.
        }
    }

    private static bool IsLive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // A blittable signature needs no generated marshalling.
    private static extern uint umask(uint mask);
#pragma warning restore SYSLIB1054
}
