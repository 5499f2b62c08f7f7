using System.CommandLine;
using System.Net;
using Torii.Connectors.Prometheus.Settings;
using Torii.Connectors.Settings;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Prometheus.Tests.Settings;

public sealed class ExporterOptionsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private ExporterSettings Read(params string[] arguments)
    {
        var options = new ExporterOptions();
        var root = new RootCommand();
        options.AddTo(root);
        ParseResult parseResult = root.Parse(arguments);
        Assert.Empty(parseResult.Errors);
        return options.Read(parseResult, _directory.Path);
    }

    private string RefusalOf(params string[] arguments) => Assert.Throws<SettingsException>(() => Read(arguments)).Message;

    [Fact]
    public void Without_settings_it_listens_on_loopback_9300_and_asks_torii_sock_here()
    {
        ExporterSettings settings = Read();

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9300), settings.ListenAddress);
        Assert.Equal(_directory.File("torii.sock"), settings.ProxySocket);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Timeout);
    }

    [Fact]
    public void The_settings_file_gives_every_key_with_paths_taken_from_its_folder()
    {
        string file = _directory.Write("conf/prometheus.toml", """
            listen_address = "127.0.0.1:9400"
            proxy_socket = "../run/torii.sock"
            timeout_ms = 1500
            """);

        ExporterSettings settings = Read("--config", file);

        Assert.Equal(IPEndPoint.Parse("127.0.0.1:9400"), settings.ListenAddress);
        Assert.Equal(_directory.File("run/torii.sock"), settings.ProxySocket);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.Timeout);
    }

    [Fact]
    public void Flags_win_over_the_file()
    {
        string file = _directory.Write("prometheus.toml", """
            listen_address = "127.0.0.1:9400"
            proxy_socket = "file.sock"
            timeout_ms = 1500
            """);

        ExporterSettings settings = Read("--config", file, "--listen-address", "[::1]:9500", "--proxy-socket", "/run/flag.sock", "--timeout-ms", "250");

        Assert.Equal(IPEndPoint.Parse("[::1]:9500"), settings.ListenAddress);
        Assert.Equal("/run/flag.sock", settings.ProxySocket);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Timeout);
    }

    [Fact]
    public void The_proxy_config_gives_its_command_socket()
    {
        string proxyConfig = _directory.Write("proxy/config.toml", "command_socket = \"sockets/torii.sock\"\n");
        string file = _directory.Write("prometheus.toml", "proxy_config = \"proxy/config.toml\"\n");

        Assert.Equal(_directory.File("proxy/sockets/torii.sock"), Read("--config", file).ProxySocket);
        Assert.Equal(_directory.File("proxy/sockets/torii.sock"), Read("--proxy-config", proxyConfig).ProxySocket);
    }

    [Fact]
    public void A_config_toml_in_the_current_folder_is_the_proxy_config_by_default()
    {
        _directory.Write("config.toml", "command_socket = \"here.sock\"\n");

        Assert.Equal(_directory.File("here.sock"), Read().ProxySocket);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_its_position()
    {
        string file = _directory.Write("prometheus.toml", "listen_address = \"127.0.0.1:9400\"\nlisten_port = 9400\n");

        string refusal = RefusalOf("--config", file);

        Assert.StartsWith($"{file}:2:1: unknown key \"listen_port\"", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:9300")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:http")]
    [InlineData("::1:9300")]
    public void A_listen_address_must_be_an_ip_and_a_port(string address)
    {
        string refusal = RefusalOf("--listen-address", address);

        Assert.Equal($"--listen-address: listen_address must be an IP address and a port such as 127.0.0.1:9300, not \"{address}\"", refusal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_file_position()
    {
        string file = _directory.Write("prometheus.toml", "timeout_ms = \"fast\"\n");

        Assert.Equal($"{file}:1:14: timeout_ms must be an integer", RefusalOf("--config", file));
    }

    [Fact]
    public void A_timeout_must_be_positive()
    {
        Assert.Equal("--timeout-ms: timeout_ms must be between 1 and 86400000, not 0", RefusalOf("--timeout-ms", "0"));
    }

    [Fact]
    public void A_missing_settings_file_is_refused()
    {
        string missing = _directory.File("absent.toml");

        Assert.StartsWith($"cannot read the settings file {missing}:", RefusalOf("--config", missing), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_proxy_config_is_refused()
    {
        string proxyConfig = _directory.Write("config.toml", "command_socket = \n");

        Assert.StartsWith("cannot find the proxy's command socket:", RefusalOf("--proxy-config", proxyConfig), StringComparison.Ordinal);
    }

    public static TheoryData<string> ExampleFiles() => RepositoryPaths.Examples("prometheus.toml");

    /// <summary>Every prometheus.toml under examples/ loads as `torii-prometheus --config FILE` loads it.</summary>
    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void The_example_settings_load_and_listen_on_loopback(string relativePath)
    {
        ExporterSettings settings = Read("--config", Path.Combine(RepositoryPaths.Root, relativePath));

        Assert.True(IPAddress.IsLoopback(settings.ListenAddress.Address), $"{relativePath}: {settings.ListenAddress}");
        Assert.True(Path.IsPathRooted(settings.ProxySocket));
        Assert.InRange(settings.Timeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
    }

    public void Dispose() => _directory.Dispose();
}
