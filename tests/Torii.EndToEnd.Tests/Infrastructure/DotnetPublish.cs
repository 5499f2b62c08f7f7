using System.Diagnostics;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Runs `dotnet publish` in the repository and checks that it produced the executable.</summary>
public static class DotnetPublish
{
    /// <returns><paramref name="executable"/>, once it exists.</returns>
    public static string Run(IEnumerable<string> arguments, string executable, string what)
    {
        var start = new ProcessStartInfo("dotnet", ["publish", .. arguments, "-nologo", "-v", "quiet"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"publishing {what} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        return executable;
    }
}
