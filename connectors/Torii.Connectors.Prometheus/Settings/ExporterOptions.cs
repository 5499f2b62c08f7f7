using System.CommandLine;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Prometheus.Settings;

/// <summary>
/// The connector's flags. Each overrides the key of the same name (underscores for dashes) in the TOML file
/// given with --config; what neither gives takes its default.
/// </summary>
internal sealed class ExporterOptions
{
    private static readonly string[] FileKeys = ["listen_address", "proxy_socket", "proxy_config", "timeout_ms"];

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The connector's TOML settings file; flags override its keys",
        HelpName = "FILE",
    };

    public Option<string?> ListenAddress { get; } = new("--listen-address")
    {
        Description = "The only address /metrics and /healthz listen on (key listen_address; default 127.0.0.1:9300)",
        HelpName = "IP:PORT",
    };

    public Option<string?> ProxySocket { get; } = new("--proxy-socket")
    {
        Description = "The proxy's command socket (key proxy_socket)",
        HelpName = "PATH",
    };

    public Option<string?> ProxyConfig { get; } = new("--proxy-config")
    {
        Description = "The proxy's config.toml, to read its command_socket from (key proxy_config; default ./config.toml, else ./torii.sock)",
        HelpName = "FILE",
    };

    public Option<int?> TimeoutMilliseconds { get; } = new("--timeout-ms")
    {
        Description = "Longest wait for the proxy's answer, in milliseconds; keep it under Prometheus' scrape_timeout (key timeout_ms; default 5000)",
        HelpName = "MS",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(ListenAddress);
        command.Options.Add(ProxySocket);
        command.Options.Add(ProxyConfig);
        command.Options.Add(TimeoutMilliseconds);
    }

    /// <exception cref="SettingsException">The settings file or a value is wrong, or the proxy's config cannot be read.</exception>
    public ExporterSettings Read(ParseResult parseResult, string currentDirectory)
    {
        SettingsFile file = parseResult.GetValue(Config) is { } path
            ? SettingsFile.Load(Path.GetFullPath(path, currentDirectory), FileKeys)
            : SettingsFile.Empty;

        string? listenText = parseResult.GetValue(ListenAddress);
        var listenAddress = listenText is not null
            ? Settings.ListenAddress.Parse(listenText, "--listen-address")
            : file.String("listen_address") is { } fromFile
                ? Settings.ListenAddress.Parse(fromFile, file.Where("listen_address"))
                : ExporterSettings.DefaultListenAddress;

        string? socket = parseResult.GetValue(ProxySocket) is { } givenSocket ? Path.GetFullPath(givenSocket, currentDirectory) : file.FilePath("proxy_socket");
        string? proxyConfig = parseResult.GetValue(ProxyConfig) is { } givenConfig ? Path.GetFullPath(givenConfig, currentDirectory) : file.FilePath("proxy_config");

        return new ExporterSettings
        {
            ListenAddress = listenAddress,
            ProxySocket = ProxySocketLocator.Locate(socket, proxyConfig, currentDirectory),
            Timeout = TimeSpan.FromMilliseconds(ReadTimeout(parseResult, file)),
        };
    }

    private int ReadTimeout(ParseResult parseResult, SettingsFile file)
    {
        const int Largest = 24 * 60 * 60 * 1000;
        int? value = parseResult.GetValue(TimeoutMilliseconds) is { } flag
            ? flag is >= 1 and <= Largest ? flag : throw new SettingsException($"--timeout-ms: timeout_ms must be between 1 and {Largest}, not {flag}")
            : file.Integer("timeout_ms", 1, Largest);
        return value ?? (int)ExporterSettings.DefaultTimeout.TotalMilliseconds;
    }
}
