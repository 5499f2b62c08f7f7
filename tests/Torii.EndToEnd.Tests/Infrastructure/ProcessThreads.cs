namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>The threads of a running process as Linux shows them (/proc/PID/task): their names and CPU time.</summary>
public static class ProcessThreads
{
    /// <summary>How many of the process's threads have a name starting with <paramref name="prefix"/>.</summary>
    public static int CountNamed(int pid, string prefix) =>
        Tasks(pid).Count(task => Name(task).StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>user + system clock ticks of the thread named <paramref name="name"/>; null while there is none.</summary>
    public static long? CpuTicks(int pid, string name)
    {
        var task = Tasks(pid).FirstOrDefault(task => Name(task) == name);
        if (task is null)
        {
            return null;
        }

        // Fields after the parenthesised name: state is the 3rd field, utime the 14th, stime the 15th.
        var stat = File.ReadAllText(Path.Combine(task, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }

    private static string[] Tasks(int pid) => Directory.GetDirectories($"/proc/{pid}/task");

    private static string Name(string task) => File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
}
