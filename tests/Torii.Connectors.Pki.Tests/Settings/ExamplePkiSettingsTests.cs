using System.CommandLine;
using System.Net;
using Torii.Config;
using Torii.Connectors.Pki.Settings;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Tests.Settings;

/// <summary>Every pki.toml under examples/ is read by the connector's own settings reader, as `torii-pki --config FILE` reads it.</summary>
public sealed class ExamplePkiSettingsTests
{
    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("pki.toml");

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_loads_and_names_a_local_listener(string relativePath)
    {
        PkiSettings settings = Read(relativePath);

        IPEndPoint listener = SocketAddresses.ToEndPoint(settings.Listener);
        Assert.True(IPAddress.IsLoopback(listener.Address) || listener.Address.Equals(IPAddress.Any), $"{relativePath}: {listener}");
        Assert.True(Path.IsPathRooted(settings.Directory));
        Assert.True(Path.IsPathRooted(settings.ProxySocket));
    }

    [Fact]
    public void The_paas_edge_connector_talks_to_the_https_listener_of_the_edge_config()
    {
        string folder = Path.Combine(RepositoryPaths.Root, "examples", "paas-edge");
        ToriiConfig proxy = ConfigLoader.Load(Path.Combine(folder, "config.toml"));

        PkiSettings settings = Read(Path.Combine("examples", "paas-edge", "pki.toml"));

        Assert.Equal(proxy.Settings.CommandSocket, settings.ProxySocket);
        Assert.Equal(Path.Combine(folder, "certs"), settings.Directory);
        Assert.Contains(proxy.Requests, configRequest => configRequest.Request.AddHttpsListener?.Address?.Equals(settings.Listener) == true);
    }

    private static PkiSettings Read(string relativePath)
    {
        var options = new PkiOptions();
        var root = new RootCommand();
        options.AddTo(root);
        ParseResult parseResult = root.Parse(["--config", Path.Combine(RepositoryPaths.Root, relativePath)]);
        Assert.Empty(parseResult.Errors);
        return PkiSettingsReader.Read(parseResult, options, RepositoryPaths.Root);
    }
}
