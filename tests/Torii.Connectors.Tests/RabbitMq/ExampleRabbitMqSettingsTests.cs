using System.CommandLine;
using System.Net;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Connectors.RabbitMq.Cli;
using Torii.Connectors.Settings;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

/// <summary>Every rabbitmq.toml under examples/ is read as `torii-rabbitmq --config FILE` reads it: common, broker and subscription keys.</summary>
public sealed class ExampleRabbitMqSettingsTests
{
    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("rabbitmq.toml");

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_loads_with_a_loopback_broker_and_health_endpoint(string relativePath)
    {
        var common = new CommonOptions();
        var brokerOptions = new BrokerOptions();
        var subscriptionOptions = new SubscriptionOptions();
        var root = new RootCommand();
        common.AddTo(root);
        brokerOptions.AddTo(root);
        subscriptionOptions.AddTo(root);
        ParseResult parsed = root.Parse(["--config", Path.Combine(RepositoryPaths.Root, relativePath)]);
        Assert.Empty(parsed.Errors);

        SettingsFile file = common.LoadFile(parsed, [.. BrokerOptions.Keys, .. SubscriptionOptions.Keys]);
        CommonSettings settings = common.Read(parsed, file, RabbitMqCommandLine.DefaultHealthzAddress);
        BrokerSettings broker = brokerOptions.Read(parsed, file);
        SubscriptionSettings subscription = subscriptionOptions.Read(parsed, file);

        Assert.True(IPAddress.IsLoopback(settings.HealthzAddress.Address), $"{relativePath}: {settings.HealthzAddress}");
        Assert.True(Path.IsPathRooted(settings.ProxySocket));
        Assert.Equal("127.0.0.1", broker.Host ?? broker.Url?.Host);
        Assert.False(string.IsNullOrEmpty(subscription.Queue));
    }
}
