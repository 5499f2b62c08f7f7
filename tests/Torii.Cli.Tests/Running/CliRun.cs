using System.CommandLine;

namespace Torii.Cli.Tests.Running;

/// <summary>The outcome of running a whole `torii` command line in this process.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await ToriiCommandLine.Create()
            .Parse(commandLine)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
