using System.CommandLine;
using System.Net;
using Torii.Connectors.RabbitMq.Broker;
using Torii.Connectors.RabbitMq.Cli;
using Torii.Connectors.Settings;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.RabbitMq;

public sealed class RabbitMqOptionsTests
{
    [Fact]
    public void Defaults_are_a_local_broker_the_torii_exchange_and_a_queue_named_after_the_host()
    {
        (_, BrokerSettings broker, SubscriptionSettings subscription) = Read([]);

        Assert.Null(broker.Url);
        Assert.Null(broker.Host);
        Assert.Equal("torii", broker.Exchange);
        Assert.Equal($"torii-{System.Net.Dns.GetHostName()}", subscription.Queue);
        Assert.Equal("#", subscription.RoutingKey);
        Assert.Equal(256, subscription.Prefetch);
        Assert.Null(subscription.DeadLetterExchange);
    }

    [Fact]
    public void The_file_sets_every_key_and_flags_override_them()
    {
        using var folder = new TemporaryFolder();
        string file = folder.Write("rabbitmq.toml", """
            url = "amqp://app:secret@broker.example:5673/prod"
            exchange = "routing"
            queue = "torii-edge-1"
            routing_key = "edge.*"
            prefetch = 64
            dead_letter_exchange = "routing.dead"
            recovery_interval_ms = 250
            """);

        (_, BrokerSettings broker, SubscriptionSettings subscription) = Read(["-c", file, "--queue", "torii-edge-2", "--port", "5674"]);

        Assert.Equal(new Uri("amqp://app:secret@broker.example:5673/prod"), broker.Url);
        Assert.Equal(5674, broker.Port);
        Assert.Equal("routing", broker.Exchange);
        Assert.Equal(TimeSpan.FromMilliseconds(250), broker.RecoveryInterval);
        Assert.Equal("torii-edge-2", subscription.Queue);
        Assert.Equal("edge.*", subscription.RoutingKey);
        Assert.Equal(64, subscription.Prefetch);
        Assert.Equal("routing.dead", subscription.DeadLetterExchange);
        Assert.Equal("torii-edge-2.dead-letter", subscription.DeadLetterQueue);
    }

    [Fact]
    public void Flags_override_the_parts_of_the_url()
    {
        (_, BrokerSettings broker, _) = Read(["--url", "amqp://app:secret@broker.example:5673/prod", "--host", "127.0.0.1", "--vhost", "test"]);

        var factory = ConnectionFactories.Create(broker, "test");

        Assert.Equal("127.0.0.1", factory.HostName);
        Assert.Equal(5673, factory.Port);
        Assert.Equal("app", factory.UserName);
        Assert.Equal("test", factory.VirtualHost);
        Assert.True(factory.AutomaticRecoveryEnabled);
    }

    [Theory]
    [InlineData("--url", "http://broker", "url must be an amqp:// or amqps:// URL, not \"http://broker\"")]
    [InlineData("--prefetch", "0", "--prefetch must be between 1 and 65535, not 0")]
    [InlineData("--port", "70000", "--port must be between 1 and 65535, not 70000")]
    [InlineData("--queue", "", "queue must not be empty")]
    public void Bad_values_are_settings_errors(string flag, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => Read([flag, value]));

        Assert.Equal(message, error.Message);
    }

    /// <summary>Every rabbitmq.toml under examples/ loads as `torii-rabbitmq --config FILE` loads it.</summary>
    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_settings_load_with_a_loopback_broker_and_health_endpoint(string relativePath)
    {
        (CommonSettings common, BrokerSettings broker, SubscriptionSettings subscription) = Read(["--config", Path.Combine(RepositoryPaths.Root, relativePath)]);

        Assert.True(IPAddress.IsLoopback(common.HealthzAddress.Address), $"{relativePath}: {common.HealthzAddress}");
        Assert.True(Path.IsPathRooted(common.ProxySocket));
        Assert.Equal("127.0.0.1", broker.Host ?? broker.Url?.Host);
        Assert.False(string.IsNullOrEmpty(subscription.Queue));
    }

    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("rabbitmq.toml");

    /// <summary>Reads the settings as `torii-rabbitmq` does: the file's keys are checked, then each part is read.</summary>
    private static (CommonSettings Common, BrokerSettings Broker, SubscriptionSettings Subscription) Read(string[] args)
    {
        var common = new CommonOptions();
        var brokerOptions = new BrokerOptions();
        var subscriptionOptions = new SubscriptionOptions();
        var root = new RootCommand();
        common.AddTo(root);
        brokerOptions.AddTo(root);
        subscriptionOptions.AddTo(root);
        ParseResult parsed = root.Parse(args);
        Assert.Empty(parsed.Errors);
        SettingsFile file = common.LoadFile(parsed, [.. BrokerOptions.Keys, .. SubscriptionOptions.Keys]);
        BrokerSettings broker = brokerOptions.Read(parsed, file);
        SubscriptionSettings subscription = subscriptionOptions.Read(parsed, file);
        return (common.Read(parsed, file, RabbitMqCommandLine.DefaultHealthzAddress), broker, subscription);
    }
}
