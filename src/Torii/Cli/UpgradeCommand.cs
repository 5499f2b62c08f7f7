using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// `torii upgrade [--binary PATH]` (Sōzu's upgrade_main): the proxy starts the new executable on its
/// config, hands it its sockets and state, and drains once the new process serves.
/// </summary>
internal static class UpgradeCommand
{
    /// <summary>Longer than the proxy gives the new process to take over (60 s), so the answer is always heard.</summary>
    private const int MinimumTimeoutMilliseconds = 90_000;

    public static RequestCommand Create(CommonOptions common)
    {
        var binary = new Option<string?>("--binary")
        {
            Description = "The executable to start (default: the one the proxy runs); relative to this directory",
            HelpName = "PATH",
        };
        var command = new RequestCommand("upgrade", "Replace the running proxy by a new process without refusing a connection", common, parseResult =>
        {
            var upgrade = new UpgradeMain();
            if (parseResult.GetValue(binary) is string path)
            {
                upgrade.Binary = Path.GetFullPath(path);
            }

            return [new Request { UpgradeMain = upgrade }];
        })
        {
            MinimumTimeoutMilliseconds = MinimumTimeoutMilliseconds,
        };
        command.Options.Add(binary);
        return command;
    }
}
