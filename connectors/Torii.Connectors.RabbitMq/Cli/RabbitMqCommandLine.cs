using System.CommandLine;
using Torii.Connectors.Hosting;
using Torii.Connectors.Logging;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Connectors.Settings;

namespace Torii.Connectors.RabbitMq.Cli;

/// <summary>`torii-rabbitmq [flags]` runs the connector; `publish` and `bench` are tools for operators.</summary>
internal static class RabbitMqCommandLine
{
    public const string Program = "torii-rabbitmq";

    public const string DefaultHealthzAddress = "127.0.0.1:9810";

    public static RootCommand Create()
    {
        var common = new CommonOptions();
        var broker = new BrokerOptions();
        var subscription = new SubscriptionOptions();
        var root = new RootCommand(
            "Applies the routing updates published on a RabbitMQ topic exchange to a Torii proxy, in order, acknowledging each once the proxy answered");
        common.AddTo(root);
        broker.AddTo(root);
        subscription.AddTo(root);
        root.SetAction((parseResult, cancellationToken) => VerbRunner.RunAsync(Program, () =>
        {
            SettingsFile file = common.LoadFile(parseResult, [.. BrokerOptions.Keys, .. SubscriptionOptions.Keys]);
            CommonSettings settings = common.Read(parseResult, file, DefaultHealthzAddress);
            BrokerSettings brokerSettings = broker.Read(parseResult, file);
            SubscriptionSettings subscriptionSettings = subscription.Read(parseResult, file);
            var log = new ConnectorLog(Program, settings.LogLevel);
            return ConnectorRunner.RunAsync(
                settings,
                subscriptionSettings.Prefetch,
                log,
                health => new RabbitMqSource(brokerSettings, subscriptionSettings, health, log),
                cancellationToken);
        }));
        root.Subcommands.Add(PublishCommand.Create(common, broker));
        root.Subcommands.Add(BenchCommand.Create(common, broker));
        return root;
    }

    /// <summary>The settings file, for verbs that only need the broker.</summary>
    public static SettingsFile BrokerFile(ParseResult parseResult, CommonOptions common) =>
        common.LoadFile(parseResult, [.. BrokerOptions.Keys, .. SubscriptionOptions.Keys]);
}
