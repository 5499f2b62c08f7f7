using System.CommandLine;

namespace Torii.Cli;

/// <summary>Runs a verb that works on a config file rather than talking to a running proxy.</summary>
internal static class ConfigFileCommand
{
    public static async Task<int> RunAsync(ParseResult parseResult, CommonOptions common, Func<string, Task<int>> run)
    {
        string configPath;
        try
        {
            configPath = ConfigFileLocator.Require(parseResult.GetValue(common.Config), Environment.CurrentDirectory);
        }
        catch (CommandLineException exception)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return await run(configPath).ConfigureAwait(false);
    }
}
