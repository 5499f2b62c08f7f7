using System.CommandLine;
using System.Net;
using Torii.Connectors.Logging;

namespace Torii.Connectors.Settings;

/// <summary>
/// Flags every connector takes, each overriding the key of the same name (dashes for underscores) in the
/// connector's TOML file given with --config.
/// </summary>
public sealed class CommonOptions
{
    public static readonly IReadOnlyList<string> Keys =
        ["proxy_socket", "proxy_config", "healthz_address", "log_level", "proxy_timeout_ms", "dead_letter_failed"];

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The connector's TOML settings file; flags override its keys",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> ProxySocket { get; } = new("--proxy-socket")
    {
        Description = "The proxy's command socket (key proxy_socket)",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<string?> ProxyConfig { get; } = new("--proxy-config")
    {
        Description = "The proxy's config.toml, to read its command_socket from (key proxy_config; default ./config.toml, else ./torii.sock)",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> HealthzAddress { get; } = new("--healthz-address")
    {
        Description = "Where GET /healthz, /counters and /metrics listen (key healthz_address)",
        HelpName = "IP:PORT",
        Recursive = true,
    };

    public Option<string?> LogLevelOption { get; } = new("--log-level")
    {
        Description = "debug, info, warn or error (key log_level; default info)",
        HelpName = "LEVEL",
        Recursive = true,
    };

    public Option<int?> ProxyTimeoutMilliseconds { get; } = new("--proxy-timeout-ms")
    {
        Description = "Longest wait for the proxy's answer to one request (key proxy_timeout_ms; default 10000)",
        HelpName = "MS",
        Recursive = true,
    };

    public Option<bool?> DeadLetterFailed { get; } = new("--dead-letter-failed")
    {
        Description = "Dead-letter the requests the proxy refuses instead of acknowledging them (key dead_letter_failed)",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(ProxySocket);
        command.Options.Add(ProxyConfig);
        command.Options.Add(HealthzAddress);
        command.Options.Add(LogLevelOption);
        command.Options.Add(ProxyTimeoutMilliseconds);
        command.Options.Add(DeadLetterFailed);
    }

    /// <exception cref="SettingsException">The settings file cannot be read or has an unknown key.</exception>
    public SettingsFile LoadFile(ParseResult parseResult, IEnumerable<string> connectorKeys)
    {
        string? path = parseResult.GetValue(Config);
        return path is null ? SettingsFile.Empty : SettingsFile.Load(path, [.. Keys, .. connectorKeys]);
    }

    /// <exception cref="SettingsException">A value is malformed, or the proxy's config cannot be read.</exception>
    public CommonSettings Read(ParseResult parseResult, SettingsFile file, string defaultHealthzAddress)
    {
        string? socket = parseResult.GetValue(ProxySocket) is { } givenSocket ? Path.GetFullPath(givenSocket) : file.FilePath("proxy_socket");
        string? proxyConfig = parseResult.GetValue(ProxyConfig) is { } givenConfig ? Path.GetFullPath(givenConfig) : file.FilePath("proxy_config");
        string healthz = parseResult.GetValue(HealthzAddress) ?? file.String("healthz_address") ?? defaultHealthzAddress;
        string levelText = parseResult.GetValue(LogLevelOption) ?? file.String("log_level") ?? "info";
        if (!ConnectorLog.TryParseLevel(levelText, out LogLevel level))
        {
            throw new SettingsException($"log_level must be debug, info, warn or error, not \"{levelText}\"");
        }

        int timeout = parseResult.GetValue(ProxyTimeoutMilliseconds) ?? file.Integer("proxy_timeout_ms", 1, int.MaxValue) ?? 10_000;
        if (timeout < 1)
        {
            throw new SettingsException($"--proxy-timeout-ms must be at least 1, not {timeout}");
        }

        IPEndPoint healthzAddress = EndPointText.Parse(healthz, "healthz_address");
        return new CommonSettings
        {
            ProxySocket = ProxySocketLocator.Locate(socket, proxyConfig, Environment.CurrentDirectory),
            HealthzAddress = healthzAddress,
            LogLevel = level,
            ProxyTimeout = TimeSpan.FromMilliseconds(timeout),
            DeadLetterFailed = parseResult.GetValue(DeadLetterFailed) ?? file.Boolean("dead_letter_failed") ?? false,
        };
    }
}
