using System.Diagnostics;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Infrastructure;

/// <summary>
/// The connector executables as users run them: ./test.sh publishes them next to torii; when one is missing
/// (a bare `dotnet test`), it is published here once per test run.
/// </summary>
public static class PublishedConnectors
{
    private static readonly Lazy<string> RabbitMqPath = new(() => Publish("Torii.Connectors.RabbitMq", "torii-rabbitmq"), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<string> PulsarPath = new(() => Publish("Torii.Connectors.Pulsar", "torii-pulsar"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static string RabbitMq => RabbitMqPath.Value;

    public static string Pulsar => PulsarPath.Value;

    private static string Publish(string project, string name)
    {
        string executable = Path.Combine(RepositoryPaths.Root, "out", name, name);
        if (File.Exists(executable))
        {
            return executable;
        }

        var start = new ProcessStartInfo("dotnet", ["publish", $"connectors/{project}", "-c", "Release", "-o", $"out/{name}", "-nologo", "-v", "quiet"])
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
            throw new InvalidOperationException($"dotnet publish connectors/{project} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        return executable;
    }
}
