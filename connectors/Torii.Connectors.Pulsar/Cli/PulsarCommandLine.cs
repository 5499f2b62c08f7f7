using System.CommandLine;
using Torii.Connectors.Hosting;
using Torii.Connectors.Logging;
using Torii.Connectors.Pulsar.Broker;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Pulsar.Cli;

/// <summary>`torii-pulsar [flags]` runs the connector; `publish` sends requests to the topic, for operators.</summary>
internal static class PulsarCommandLine
{
    public const string Program = "torii-pulsar";

    public const string DefaultHealthzAddress = "127.0.0.1:9811";

    public static RootCommand Create()
    {
        var common = new CommonOptions();
        var pulsar = new PulsarOptions();
        var root = new RootCommand(
            "Applies the routing updates published on an Apache Pulsar topic to a Torii proxy, in order, acknowledging each once the proxy answered");
        common.AddTo(root);
        pulsar.AddTo(root);
        root.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync(Program, () =>
        {
            SettingsFile file = SettingsFileOf(parseResult, common);
            CommonSettings settings = common.Read(parseResult, file, DefaultHealthzAddress);
            PulsarSettings pulsarSettings = pulsar.Read(parseResult, file);
            var log = new ConnectorLog(Program, settings.LogLevel);
            return ConnectorRunner.RunAsync(
                settings,
                pulsarSettings.ReceiverQueueSize,
                log,
                health => new PulsarSource(pulsarSettings, health, log),
                cancellationToken);
        }));
        root.Subcommands.Add(PublishCommand.Create(common, pulsar));
        return root;
    }

    public static SettingsFile SettingsFileOf(ParseResult parseResult, CommonOptions common) => common.LoadFile(parseResult, PulsarOptions.Keys);
}
