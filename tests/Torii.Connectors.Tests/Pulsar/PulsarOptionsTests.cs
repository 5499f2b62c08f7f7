using System.CommandLine;
using System.Net;
using Torii.Connectors.Pulsar.Broker;
using Torii.Connectors.Pulsar.Cli;
using Torii.Connectors.Settings;
using Torii.Connectors.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Pulsar;

namespace Torii.Connectors.Tests.Pulsar;

public sealed class PulsarOptionsTests
{
    [Fact]
    public void Defaults_are_a_local_broker_and_a_subscription_named_after_the_host()
    {
        (_, PulsarSettings settings) = Read([]);

        Assert.Equal("pulsar://127.0.0.1:6650", settings.ServiceUrl);
        Assert.Equal("persistent://public/default/torii", settings.Topic);
        Assert.Equal(System.Net.Dns.GetHostName(), settings.Subscription);
        Assert.Null(settings.Token);
        Assert.Null(settings.DeadLetterTopic);
        Assert.Equal(256, settings.ReceiverQueueSize);
        Assert.Equal(SubscriptionInitialPosition.Latest, settings.InitialPosition);
    }

    [Fact]
    public void The_file_sets_every_key_and_flags_override_them()
    {
        using var folder = new TemporaryFolder();
        string file = folder.Write("pulsar.toml", """
            service_url = "pulsar://pulsar.example:6650"
            topic = "persistent://platform/routing/updates"
            subscription = "edge-1"
            token = "eyJhbGciOiJIUzI1NiJ9.e30.x"
            dead_letter_topic = "persistent://platform/routing/dead"
            receiver_queue_size = 64
            initial_position = "earliest"
            """);

        (_, PulsarSettings settings) = Read(["-c", file, "--subscription", "edge-2"]);

        Assert.Equal("pulsar://pulsar.example:6650", settings.ServiceUrl);
        Assert.Equal("persistent://platform/routing/updates", settings.Topic);
        Assert.Equal("edge-2", settings.Subscription);
        Assert.Equal("eyJhbGciOiJIUzI1NiJ9.e30.x", settings.Token);
        Assert.Equal("persistent://platform/routing/dead", settings.DeadLetterTopic);
        Assert.Equal(64, settings.ReceiverQueueSize);
        Assert.Equal(SubscriptionInitialPosition.Earliest, settings.InitialPosition);
    }

    [Theory]
    [InlineData("--service-url", "http://broker", "service_url must be a pulsar:// URL, not \"http://broker\"")]
    [InlineData("--initial-position", "middle", "initial_position must be latest or earliest, not \"middle\"")]
    [InlineData("--receiver-queue-size", "0", "--receiver-queue-size must be between 1 and 100000, not 0")]
    [InlineData("--topic", "", "topic must not be empty")]
    public void Bad_values_are_settings_errors(string flag, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => Read([flag, value]));

        Assert.Equal(message, error.Message);
    }

    /// <summary>Every pulsar.toml under examples/ loads as `torii-pulsar --config FILE` loads it.</summary>
    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_settings_load_with_a_loopback_broker_and_health_endpoint(string relativePath)
    {
        (CommonSettings common, PulsarSettings settings) = Read(["--config", Path.Combine(RepositoryPaths.Root, relativePath)]);

        Assert.True(IPAddress.IsLoopback(common.HealthzAddress.Address), $"{relativePath}: {common.HealthzAddress}");
        Assert.True(Path.IsPathRooted(common.ProxySocket));
        Assert.Equal("127.0.0.1", new Uri(settings.ServiceUrl).Host);
        Assert.False(string.IsNullOrEmpty(settings.Subscription));
    }

    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("pulsar.toml");

    /// <summary>Reads the settings as `torii-pulsar` does: the file's keys are checked, then each part is read.</summary>
    private static (CommonSettings Common, PulsarSettings Pulsar) Read(string[] args)
    {
        var common = new CommonOptions();
        var pulsar = new PulsarOptions();
        var root = new RootCommand();
        common.AddTo(root);
        pulsar.AddTo(root);
        ParseResult parsed = root.Parse(args);
        Assert.Empty(parsed.Errors);
        SettingsFile file = PulsarCommandLine.SettingsFileOf(parsed, common);
        PulsarSettings settings = pulsar.Read(parsed, file);
        return (common.Read(parsed, file, PulsarCommandLine.DefaultHealthzAddress), settings);
    }
}
