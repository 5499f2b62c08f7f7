using System.Diagnostics;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the published torii executable as a command-line client.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(PublishedExecutable.Torii, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error) { Pid = process.Id };
    }
}
