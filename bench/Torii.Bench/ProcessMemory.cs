using System.Globalization;

namespace Torii.Bench;

/// <summary>Resident memory of processes, from /proc/PID/status (VmRSS, KiB).</summary>
public static class ProcessMemory
{
    public static long ResidentKib(IEnumerable<int> pids) => pids.Sum(ResidentKib);

    public static long ResidentKib(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var number = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(number, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line");
    }
}
