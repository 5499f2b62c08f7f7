using Torii.Connectors.Settings;

namespace Torii.Connectors.Hosting;

/// <summary>Runs a verb, turning a settings error into one line on stderr and exit code 2.</summary>
public static class VerbRunner
{
    public static async Task<int> RunAsync(string program, Func<Task<int>> verb)
    {
        try
        {
            return await verb().ConfigureAwait(false);
        }
        catch (SettingsException exception)
        {
            await Console.Error.WriteLineAsync($"{program}: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.BadSettings;
        }
    }
}
