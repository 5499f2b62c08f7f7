using System.Diagnostics;

namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>
/// Runs PostgreSQL 15's programs (Debian's postgresql-15, which ./test.sh installs) as an unprivileged user, as the
/// server refuses to run as root: when the tests run as root, as the package's "postgres" user through runuser.
/// </summary>
public static class PostgresBinaries
{
    private const string ServiceUser = "postgres";
    private static readonly string[] Candidates = ["/usr/lib/postgresql/15/bin", "/usr/local/bin"];

    public static string Directory { get; } =
        Candidates.FirstOrDefault(directory => File.Exists(Path.Combine(directory, "pg_ctl")) && File.Exists(Path.Combine(directory, "pg_basebackup")))
        ?? throw new InvalidOperationException("PostgreSQL 15 is not installed: apt-get install postgresql-15 postgresql-client-15 (./test.sh does)");

    /// <summary>Whether programs run through runuser as "postgres" (the tests run as root).</summary>
    public static bool RunsAsServiceUser { get; } = Environment.IsPrivilegedProcess;

    /// <summary>Gives a folder the tests made to the user the server runs as.</summary>
    public static async Task HandOverAsync(string folder)
    {
        if (RunsAsServiceUser)
        {
            await RunCheckedAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", folder], TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Runs one of PostgreSQL's programs and fails with its output unless it exits 0.</summary>
    public static Task<CliResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        string path = Path.Combine(Directory, program);
        return RunsAsServiceUser
            ? RunCheckedAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], timeout)
            : RunCheckedAsync(path, arguments, timeout);
    }

    private static async Task<CliResult> RunCheckedAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = Path.GetTempPath() };
        CliResult result = await ExternalProgram.RunAsync(start, timeout);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed (or outlived {timeout.TotalSeconds:0} s): {result}");
    }
}
