using System.CommandLine;
using System.Net;
using Torii.Config;
using Torii.Connectors.Logging;
using Torii.Connectors.Pki.Settings;
using Torii.Connectors.Pki.Tests.Infrastructure;
using Torii.Connectors.Settings;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Tests.Settings;

public sealed class PkiSettingsReaderTests : IDisposable
{
    private readonly CertificateDirectory _folder = new();

    private string Root => _folder.Root;

    [Fact]
    public void Flags_alone_give_the_settings_with_defaults_for_the_rest()
    {
        PkiSettings settings = Read("--directory certs --address 127.0.0.1:8443 --proxy-socket run/torii.sock");

        Assert.Equal(Path.Combine(Root, "certs"), settings.Directory);
        Assert.Equal(SocketAddresses.Parse("127.0.0.1:8443"), settings.Listener);
        Assert.Equal(Path.Combine(Root, "run/torii.sock"), settings.ProxySocket);
        Assert.Equal(Path.Combine(Root, "torii-pki.state"), settings.StateFile);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RescanInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.Debounce);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ProxyTimeout);
        Assert.Equal(LogLevel.Info, settings.LogLevel);
        Assert.Null(settings.HealthzAddress);
    }

    [Fact]
    public void The_settings_file_gives_every_key_with_paths_relative_to_its_folder()
    {
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        File.WriteAllText(Path.Combine(Root, "etc/pki.toml"), """
            directory = "certs"
            address = "[::1]:443"
            proxy_socket = "/run/torii/torii.sock"
            state_file = "state/pki.state"
            rescan_interval = 60
            debounce = 250
            proxy_timeout_ms = 2000
            log_level = "debug"
            healthz_address = "127.0.0.1:9812"
            """);

        PkiSettings settings = Read("-c etc/pki.toml");

        Assert.Equal(Path.Combine(Root, "etc/certs"), settings.Directory);
        Assert.Equal(SocketAddresses.Parse("[::1]:443"), settings.Listener);
        Assert.Equal("/run/torii/torii.sock", settings.ProxySocket);
        Assert.Equal(Path.Combine(Root, "etc/state/pki.state"), settings.StateFile);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.RescanInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Debounce);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.ProxyTimeout);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.Equal(System.Net.IPEndPoint.Parse("127.0.0.1:9812"), settings.HealthzAddress);
    }

    [Fact]
    public void Without_a_state_file_key_the_state_sits_beside_the_settings_file()
    {
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        File.WriteAllText(Path.Combine(Root, "etc/pki.toml"), "directory = \"certs\"\naddress = \"127.0.0.1:443\"\nproxy_socket = \"t.sock\"\n");

        Assert.Equal(Path.Combine(Root, "etc/torii-pki.state"), Read("-c etc/pki.toml").StateFile);
    }

    [Fact]
    public void Flags_override_the_keys_of_the_file()
    {
        File.WriteAllText(Path.Combine(Root, "pki.toml"), "directory = \"a\"\naddress = \"127.0.0.1:443\"\nproxy_socket = \"t.sock\"\ndebounce = 100\nrescan_interval = 5\nhealthz_address = \"127.0.0.1:9812\"\n");

        PkiSettings settings = Read("-c pki.toml --directory b --address 127.0.0.1:8443 --debounce 0 --rescan-interval 7 --socket other.sock --healthz-address [::1]:0");

        Assert.Equal(Path.Combine(Root, "b"), settings.Directory);
        Assert.Equal(SocketAddresses.Parse("127.0.0.1:8443"), settings.Listener);
        Assert.Equal(TimeSpan.Zero, settings.Debounce);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.RescanInterval);
        Assert.Equal(Path.Combine(Root, "other.sock"), settings.ProxySocket);
        Assert.Equal(System.Net.IPEndPoint.Parse("[::1]:0"), settings.HealthzAddress);
    }

    [Fact]
    public void The_socket_can_come_from_the_proxy_config()
    {
        Directory.CreateDirectory(Path.Combine(Root, "proxy"));
        File.WriteAllText(Path.Combine(Root, "proxy/config.toml"), "command_socket = \"run/torii.sock\"\n");

        PkiSettings settings = Read("--directory certs --address 127.0.0.1:8443 --proxy-config proxy/config.toml");

        Assert.Equal(Path.Combine(Root, "proxy/run/torii.sock"), settings.ProxySocket);
    }

    [Theory]
    [InlineData("--address 127.0.0.1:8443", "give the certificate directory with --directory DIR (key directory)")]
    [InlineData("--directory certs", "give the proxy's HTTPS listener with --address IP:PORT (key address)")]
    [InlineData("--directory certs --address localhost:443", "address \"localhost:443\" is not IP:PORT (1.2.3.4:443 or [::1]:443)")]
    [InlineData("--directory certs --address 127.0.0.1:443 --debounce 60001", "debounce must be between 0 and 60000, not 60001")]
    [InlineData("--directory certs --address 127.0.0.1:443 --rescan-interval 0", "rescan_interval must be between 1 and 86400, not 0")]
    [InlineData("--directory certs --address 127.0.0.1:443 --log-level loud", "log_level must be debug, info, warn or error, not \"loud\"")]
    [InlineData(
        "--directory certs --address 127.0.0.1:443 --healthz-address localhost:9812",
        "healthz_address must be an IP address and a port such as 127.0.0.1:9810, not \"localhost:9812\"")]
    public void A_missing_or_bad_setting_is_refused_with_a_message(string commandLine, string message)
    {
        Assert.Equal(message, Assert.Throws<SettingsException>(() => Read(commandLine)).Message);
    }

    [Fact]
    public void An_unknown_key_in_the_file_is_refused_with_its_position()
    {
        File.WriteAllText(Path.Combine(Root, "pki.toml"), "directory = \"certs\"\ndirectroy = \"x\"\n");

        string message = Assert.Throws<SettingsException>(() => Read("-c pki.toml")).Message;

        Assert.StartsWith($"{Path.Combine(Root, "pki.toml")}:2:1: unknown key \"directroy\"", message, StringComparison.Ordinal);
    }

    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("pki.toml");

    /// <summary>Every pki.toml under examples/ loads as `torii-pki --config FILE` loads it.</summary>
    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_settings_load_and_name_a_local_listener(string relativePath)
    {
        PkiSettings settings = Read($"--config \"{Path.Combine(RepositoryPaths.Root, relativePath)}\"");

        IPEndPoint listener = SocketAddresses.ToEndPoint(settings.Listener);
        Assert.True(IPAddress.IsLoopback(listener.Address) || listener.Address.Equals(IPAddress.Any), $"{relativePath}: {listener}");
        Assert.True(Path.IsPathRooted(settings.Directory));
        Assert.True(Path.IsPathRooted(settings.ProxySocket));
    }

    [Fact]
    public void The_paas_edge_example_talks_to_the_https_listener_of_the_edge_config()
    {
        string folder = Path.Combine(RepositoryPaths.Root, "examples", "paas-edge");
        ToriiConfig proxy = ConfigLoader.Load(Path.Combine(folder, "config.toml"));

        PkiSettings settings = Read($"--config \"{Path.Combine(folder, "pki.toml")}\"");

        Assert.Equal(proxy.Settings.CommandSocket, settings.ProxySocket);
        Assert.Equal(Path.Combine(folder, "certs"), settings.Directory);
        Assert.Contains(proxy.Requests, configRequest => configRequest.Request.AddHttpsListener?.Address?.Equals(settings.Listener) == true);
    }

    private PkiSettings Read(string commandLine)
    {
        var options = new PkiOptions();
        var root = new RootCommand();
        options.AddTo(root);
        ParseResult parseResult = root.Parse(commandLine);
        Assert.Empty(parseResult.Errors);
        return PkiSettingsReader.Read(parseResult, options, Root);
    }

    public void Dispose() => _folder.Dispose();
}
