using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Torii.Proxy.Upgrade;

/// <summary>The few process-level calls an upgrade needs that .NET does not offer.</summary>
internal static class NativeProcess
{
    /// <summary>
    /// Starts a new session, so the new process is no longer in the old one's process group:
    /// a Ctrl-C or a signal sent to the old group does not reach it, and it outlives the old process.
    /// </summary>
    public static void StartSession()
    {
        // Fails only when already a group leader, which a freshly started process is not; nothing to undo either way.
        _ = setsid();
    }

    /// <summary>Makes <paramref name="target"/> (stdout, stderr) refer to what <paramref name="source"/> refers to, then closes <paramref name="source"/>.</summary>
    public static void Replace(int target, int source)
    {
        if (dup2(source, target) < 0)
        {
            throw new IOException($"dup2({source}, {target}) failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }

        _ = close(source);
    }

    public static void Close(int descriptor) => _ = close(descriptor);

#pragma warning disable SYSLIB1054 // Blittable signatures: no generated marshalling is needed.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int dup2(int oldDescriptor, int newDescriptor);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int close(int descriptor);
#pragma warning restore SYSLIB1054
}
