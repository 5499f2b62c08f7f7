using System.Diagnostics;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Pki.Tests.EndToEnd.Infrastructure;

/// <summary>
/// The published torii-pki, as users run it. ./test.sh publishes it first; when it is missing
/// (a bare `dotnet test`), it is published here once per test run.
/// </summary>
public static class PublishedPki
{
    private static readonly Lazy<string> Path = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Executable => Path.Value;

    private static string Publish()
    {
        string executable = System.IO.Path.Combine(RepositoryPaths.Root, "out", "torii-pki", "torii-pki");
        if (File.Exists(executable))
        {
            return executable;
        }

        var start = new ProcessStartInfo("dotnet", ["publish", "connectors/Torii.Connectors.Pki", "-c", "Release", "-o", "out/torii-pki", "-nologo", "-v", "quiet"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"dotnet publish connectors/Torii.Connectors.Pki failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        return executable;
    }
}
