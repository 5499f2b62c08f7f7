using System.CommandLine;
using System.Net;
using Torii.Connectors.Prometheus.Settings;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Prometheus.Tests.Settings;

/// <summary>Every prometheus.toml under examples/ is read by the exporter's own options, as `torii-prometheus --config FILE` reads it.</summary>
public sealed class ExampleExporterSettingsTests
{
    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("prometheus.toml");

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_loads_and_listens_on_loopback(string relativePath)
    {
        var options = new ExporterOptions();
        var root = new RootCommand();
        options.AddTo(root);
        ParseResult parseResult = root.Parse(["--config", Path.Combine(RepositoryPaths.Root, relativePath)]);
        Assert.Empty(parseResult.Errors);

        ExporterSettings settings = options.Read(parseResult, RepositoryPaths.Root);

        Assert.True(IPAddress.IsLoopback(settings.ListenAddress.Address), $"{relativePath}: {settings.ListenAddress}");
        Assert.True(Path.IsPathRooted(settings.ProxySocket));
        Assert.InRange(settings.Timeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
    }
}
