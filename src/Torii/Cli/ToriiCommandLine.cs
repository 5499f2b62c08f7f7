using System.CommandLine;

namespace Torii.Cli;

/// <summary>The whole `torii` command tree.</summary>
internal static class ToriiCommandLine
{
    public static RootCommand Create()
    {
        var common = new CommonOptions();
        var root = new RootCommand("Torii: a reverse proxy whose routing changes at runtime through its command socket")
        {
            StartCommand.Create(common),
            StatusCommands.CreateStatus(common),
            StatusCommands.CreateShutdown(common),
            UpgradeCommand.Create(common),
            ClusterCommands.Create(common),
            BackendCommands.Create(common),
            FrontendCommands.Create(common),
            ListenerCommands.Create(common),
            CertificateCommands.Create(common),
            StateCommands.Create(common),
            MetricsCommands.Create(common),
            ConfigCommands.Create(common),
            EventsCommand.Create(common),
        };
        common.AddTo(root);
        return root;
    }
}
