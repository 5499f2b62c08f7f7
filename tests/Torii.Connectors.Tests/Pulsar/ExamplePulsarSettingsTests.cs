using System.CommandLine;
using System.Net;
using Torii.Connectors.Pulsar.Broker;
using Torii.Connectors.Pulsar.Cli;
using Torii.Connectors.Settings;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Pulsar;

/// <summary>Every pulsar.toml under examples/ is read as `torii-pulsar --config FILE` reads it: common and Pulsar keys.</summary>
public sealed class ExamplePulsarSettingsTests
{
    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("pulsar.toml");

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_loads_with_a_loopback_broker_and_health_endpoint(string relativePath)
    {
        var common = new CommonOptions();
        var pulsar = new PulsarOptions();
        var root = new RootCommand();
        common.AddTo(root);
        pulsar.AddTo(root);
        ParseResult parsed = root.Parse(["--config", Path.Combine(RepositoryPaths.Root, relativePath)]);
        Assert.Empty(parsed.Errors);

        SettingsFile file = PulsarCommandLine.SettingsFileOf(parsed, common);
        CommonSettings settings = common.Read(parsed, file, PulsarCommandLine.DefaultHealthzAddress);
        PulsarSettings pulsarSettings = pulsar.Read(parsed, file);

        Assert.True(IPAddress.IsLoopback(settings.HealthzAddress.Address), $"{relativePath}: {settings.HealthzAddress}");
        Assert.True(Path.IsPathRooted(settings.ProxySocket));
        Assert.Equal("127.0.0.1", new Uri(pulsarSettings.ServiceUrl).Host);
        Assert.False(string.IsNullOrEmpty(pulsarSettings.Subscription));
    }
}
