using System.Globalization;

namespace Torii.Connectors.Tests.Infrastructure;

/// <summary>CPU time a process has used, from /proc, so a measurement can say where the time went.</summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>User plus system time of process <paramref name="pid"/>; zero once it is gone.</summary>
    public static TimeSpan Of(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }

        // Fields after the command name, which is in parentheses and may hold spaces.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The first process whose command line contains every one of <paramref name="parts"/>.</summary>
    public static int? Find(params string[] parts)
    {
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                string commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (parts.All(part => commandLine.Contains(part, StringComparison.Ordinal)))
                {
                    return pid;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while the list was read.
            }
        }

        return null;
    }
}
