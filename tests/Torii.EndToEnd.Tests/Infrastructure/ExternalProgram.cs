using System.Diagnostics;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a program of the machine (a server's control tool) to its end, killed if it outlives its timeout.</summary>
public static class ExternalProgram
{
    /// <summary>Runs with stdout and stderr captured and stdin closed; a program killed at the timeout ends with a non-zero code.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
