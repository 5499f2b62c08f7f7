using System.Globalization;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>The test process's own uid, as the kernel reports it to a socket's peer.</summary>
public static class TestIdentity
{
    private static readonly Lazy<uint> RealUid = new(ReadUid);

    public static uint Uid => RealUid.Value;

    private static uint ReadUid()
    {
        // "Uid:\treal\teffective\tsaved\tfilesystem"; SO_PEERCRED carries the effective uid.
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
    }
}
