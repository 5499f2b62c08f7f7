using System.Runtime.InteropServices;

namespace Torii.Proxy.Command;

/// <summary>
/// The type of a file system entry, read with statx(2) without following a symbolic link:
/// .NET's file APIs report a socket as an ordinary file. statx is used rather than lstat
/// because its buffer has one layout on every architecture.
/// </summary>
public static class UnixFileType
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: mask, blksize (u32), attributes (u64), nlink, uid, gid (u32), then mode (u16)
    private const int FileTypeMask = 0xF000; // S_IFMT
    private const int SocketType = 0xC000;   // S_IFSOCK

    /// <summary>True when <paramref name="path"/> names a UNIX socket; false for anything else or nothing.</summary>
    public static bool IsSocket(string path)
    {
        var buffer = new byte[256];
        return Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) == 0
            && (BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeMask) == SocketType;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // Called once at start: the runtime's marshalling of the path is fine here.
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
