using System.CommandLine;
using System.Net;
using Torii.Connectors.Logging;
using Torii.Connectors.Settings;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Settings;

public sealed class CommonOptionsTests
{
    [Fact]
    public void Defaults_apply_without_file_or_flags()
    {
        using var folder = new TemporaryFolder();

        CommonSettings settings = Read(["--proxy-socket", Path.Combine(folder.Path, "t.sock")]);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9999), settings.HealthzAddress);
        Assert.Equal(LogLevel.Info, settings.LogLevel);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ProxyTimeout);
        Assert.False(settings.DeadLetterFailed);
    }

    [Fact]
    public void The_file_sets_values_and_flags_override_them()
    {
        using var folder = new TemporaryFolder();
        string file = folder.Write("c.toml", """
            proxy_socket = "from-file.sock"
            healthz_address = "127.0.0.1:7001"
            log_level = "warn"
            proxy_timeout_ms = 2500
            dead_letter_failed = true
            """);

        CommonSettings fromFile = Read(["-c", file]);
        CommonSettings overridden = Read(["-c", file, "--healthz-address", "127.0.0.1:7002", "--log-level", "debug", "--dead-letter-failed", "false"]);

        Assert.Equal(Path.Combine(folder.Path, "from-file.sock"), fromFile.ProxySocket);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 7001), fromFile.HealthzAddress);
        Assert.Equal(LogLevel.Warn, fromFile.LogLevel);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), fromFile.ProxyTimeout);
        Assert.True(fromFile.DeadLetterFailed);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 7002), overridden.HealthzAddress);
        Assert.Equal(LogLevel.Debug, overridden.LogLevel);
        Assert.False(overridden.DeadLetterFailed);
        Assert.Equal(fromFile.ProxySocket, overridden.ProxySocket);
    }

    [Fact]
    public void The_proxy_socket_can_come_from_the_proxy_config()
    {
        using var folder = new TemporaryFolder();
        string proxyConfig = folder.Write("config.toml", "command_socket = \"proxy.sock\"\n");

        CommonSettings settings = Read(["--proxy-config", proxyConfig]);

        Assert.Equal(Path.Combine(folder.Path, "proxy.sock"), settings.ProxySocket);
    }

    [Fact]
    public void A_bad_log_level_is_a_settings_error()
    {
        var error = Assert.Throws<SettingsException>(() => Read(["--proxy-socket", "/tmp/t.sock", "--log-level", "loud"]));

        Assert.Equal("log_level must be debug, info, warn or error, not \"loud\"", error.Message);
    }

    [Fact]
    public void A_key_of_another_connector_is_refused()
    {
        using var folder = new TemporaryFolder();
        string file = folder.Write("c.toml", "topic = \"t\"\n");

        var error = Assert.Throws<SettingsException>(() => Read(["-c", file]));

        Assert.Contains("unknown key \"topic\"", error.Message);
    }

    private static CommonSettings Read(string[] args)
    {
        var options = new CommonOptions();
        var root = new RootCommand();
        options.AddTo(root);
        ParseResult parsed = root.Parse(args);
        Assert.Empty(parsed.Errors);
        SettingsFile file = options.LoadFile(parsed, []);
        return options.Read(parsed, file, "127.0.0.1:9999");
    }
}
