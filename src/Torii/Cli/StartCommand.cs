using System.CommandLine;
using Torii.Hosting;

namespace Torii.Cli;

/// <summary>`torii start -c FILE`: runs the proxy in this process until it is stopped.</summary>
internal static class StartCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("start", "Run the proxy with a config file (default: ./config.toml)");
        command.SetAction((parseResult, cancellationToken) =>
            ConfigFileCommand.RunAsync(parseResult, common, configPath => ProxyHost.RunAsync(configPath, cancellationToken)));
        return command;
    }
}
