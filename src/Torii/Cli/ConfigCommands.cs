using System.CommandLine;
using Torii.Hosting;

namespace Torii.Cli;

/// <summary>`torii config check -c FILE` and `torii config reload`.</summary>
internal static class ConfigCommands
{
    public static Command Create(CommonOptions common)
    {
        var check = new Command("check", "Load a config file and report what is wrong with it, without starting anything");
        check.SetAction(parseResult =>
            ConfigFileCommand.RunAsync(parseResult, common, configPath => ConfigCheck.RunAsync(
                configPath,
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error)));
        return new Command("config", "Work with config files") { check, ConfigReloadCommand.Create(common) };
    }
}
