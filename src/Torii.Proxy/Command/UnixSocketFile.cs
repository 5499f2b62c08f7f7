using System.Net.Sockets;
using System.Runtime.InteropServices;
using Torii.Proxy.State;

namespace Torii.Proxy.Command;

/// <summary>
/// Creates the command socket file, owner-only. A stale socket (nothing accepts on it) is replaced;
/// a live socket, or anything that is not a socket, is never touched: a mistyped path must not
/// destroy a config file.
/// </summary>
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

        EnsureUsable(path);
        if (UnixFileType.IsSocket(path))
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

    /// <summary>
    /// Refuses a path that holds something other than a socket, and a socket another process answers
    /// on: two proxies must never share one.
    /// </summary>
    public static void EnsureUsable(string path)
    {
        EnsureNotOtherFile(path);
        if (UnixFileType.IsSocket(path) && IsLive(path))
        {
            throw new CommandException($"another process is already serving the command socket {path}");
        }
    }

    /// <summary>Refuses a path that exists and is not a socket; a socket, live or stale, passes.</summary>
    public static void EnsureNotOtherFile(string path)
    {
        if ((File.Exists(path) || Directory.Exists(path)) && !UnixFileType.IsSocket(path))
        {
            throw new CommandException($"{path} exists and is not a socket; refusing to replace it with the command socket");
        }
    }

    /// <summary>Removes the socket file at shutdown, unless something else has taken its place meanwhile.</summary>
    public static void Delete(string path)
    {
        if (!UnixFileType.IsSocket(path))
        {
            return;
        }

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
