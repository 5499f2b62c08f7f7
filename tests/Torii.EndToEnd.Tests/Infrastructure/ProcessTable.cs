using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>The running processes, read from /proc.</summary>
public static class ProcessTable
{
    /// <summary>The ids of the live processes one of whose arguments is exactly <paramref name="argument"/>.</summary>
    public static List<int> WithArgument(string argument)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var arguments = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "cmdline"))).Split('\0');
                if (arguments.Contains(argument) && !IsZombie(directory))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited while being read, or not ours to read.
            }
        }

        return found;
    }

    private static bool IsZombie(string directory)
    {
        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }
}
