using System.Diagnostics;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The end-to-end tests run the published executable, as users do. ./test.sh
/// publishes it first; when it is missing (a bare `dotnet test`), it is published
/// here once per test run.
/// </summary>
public static class PublishedExecutable
{
    private static readonly Lazy<string> Path = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Torii => Path.Value;

    private static string Publish()
    {
        var executable = RepositoryPaths.PublishedTorii;
        if (File.Exists(executable))
        {
            return executable;
        }

        var start = new ProcessStartInfo("dotnet", ["publish", "src/Torii", "-c", "Release", "-o", "out/torii", "-nologo", "-v", "quiet"])
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
            throw new InvalidOperationException($"dotnet publish src/Torii failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        return executable;
    }
}
