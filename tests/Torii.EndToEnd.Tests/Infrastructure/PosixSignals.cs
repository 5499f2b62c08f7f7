using System.Runtime.InteropServices;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Sends a signal to a process, as an operator's `kill -HUP` would; .NET has no API for signals other than kill.</summary>
public static class PosixSignals
{
    private const int SigHup = 1;

    public static void Hangup(int pid)
    {
        if (Kill(pid, SigHup) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGHUP) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // Blittable arguments: the runtime's marshalling is a plain call.
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
