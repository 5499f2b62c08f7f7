using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Torii.Proxy.Upgrade;

/// <summary>The few process-level calls an upgrade needs that .NET does not offer.</summary>
internal static class NativeProcess
{
    /// <summary>
    /// Moves the new process to a process group of its own, so that a Ctrl-C or a signal sent to the old
    /// process's group does not reach it and it outlives the old process. It stays in the old process's
    /// session on purpose: a new session (setsid) is also a new scheduler autogroup on Linux, and under CPU
    /// contention that group's fair share held the new process's socket threads back for seconds at a
    /// time (bench/run.sh scenario u: 105 failed requests over 3 upgrades, 0 without the new session).
    /// </summary>
    public static void LeaveProcessGroup()
    {
        // Fails only for a session leader, which a freshly started child is not; nothing to undo either way.
        _ = setpgid(0, 0);
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
    private static extern int setpgid(int process, int group);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int dup2(int oldDescriptor, int newDescriptor);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int close(int descriptor);
#pragma warning restore SYSLIB1054
}
