using System.CommandLine;
using Torii.Hosting;
using Torii.Proxy.Upgrade;

namespace Torii.Cli;

/// <summary>`torii start -c FILE`: runs the proxy in this process until it is stopped.</summary>
internal static class StartCommand
{
    public static Command Create(CommonOptions common)
    {
        // Given by `torii upgrade` to the process it starts, never by a user.
        var upgradeFrom = new Option<string?>(UpgradeLauncher.TakeoverOption) { Hidden = true };
        var command = new Command("start", "Run the proxy with a config file (default: ./config.toml)") { upgradeFrom };
        command.SetAction((parseResult, cancellationToken) =>
            ConfigFileCommand.RunAsync(parseResult, common, configPath => ProxyHost.RunAsync(configPath, cancellationToken, parseResult.GetValue(upgradeFrom))));
        return command;
    }
}
