using System.Diagnostics;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Prometheus.Tests.EndToEnd;

/// <summary>
/// The published torii-prometheus, as users run it. ./test.sh publishes it first; a bare `dotnet test`
/// publishes it here, once per run.
/// </summary>
public static class PublishedExporter
{
    private static readonly Lazy<string> Executable = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Executable.Value;

    private static string Publish()
    {
        string executable = System.IO.Path.Combine(RepositoryPaths.Root, "out", "torii-prometheus", "torii-prometheus");
        if (File.Exists(executable))
        {
            return executable;
        }

        var start = new ProcessStartInfo(
            "dotnet",
            ["publish", "connectors/Torii.Connectors.Prometheus", "-c", "Release", "-o", "out/torii-prometheus", "-nologo", "-v", "quiet"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"dotnet publish connectors/Torii.Connectors.Prometheus failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        return executable;
    }
}
