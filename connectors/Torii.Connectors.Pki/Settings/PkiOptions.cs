using System.CommandLine;

namespace Torii.Connectors.Pki.Settings;

/// <summary>The flags of `torii-pki`; each overrides the key of the same name (underscores for dashes) in the --config file.</summary>
internal sealed class PkiOptions
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "directory", "address", "proxy_socket", "proxy_config", "state_file", "rescan_interval", "debounce", "proxy_timeout_ms", "log_level",
        "healthz_address",
    ];

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The connector's TOML settings file; flags override its keys",
        HelpName = "FILE",
    };

    public Option<string?> Directory { get; } = new("--directory", "-d")
    {
        Description = "Directory of certificate pairs: NAME/NAME.crt + NAME/NAME.key (Sōzu's layout) or NAME.crt + NAME.key (key directory)",
        HelpName = "DIR",
    };

    public Option<string?> Address { get; } = new("--address")
    {
        Description = "The proxy's HTTPS listener to keep the certificates of (key address)",
        HelpName = "IP:PORT",
    };

    public Option<string?> ProxySocket { get; } = new("--proxy-socket", "--socket")
    {
        Description = "The proxy's command socket (key proxy_socket)",
        HelpName = "PATH",
    };

    public Option<string?> ProxyConfig { get; } = new("--proxy-config")
    {
        Description = "The proxy's config.toml, to read its command_socket from (key proxy_config; default ./config.toml, else ./torii.sock)",
        HelpName = "FILE",
    };

    public Option<string?> StateFile { get; } = new("--state-file")
    {
        Description = "Where the certificates this connector added are recorded (key state_file; default torii-pki.state beside --config, else in the current directory)",
        HelpName = "FILE",
    };

    public Option<int?> RescanInterval { get; } = new("--rescan-interval")
    {
        Description = "Seconds between full rescans, which heal missed file events (key rescan_interval; default 30)",
        HelpName = "S",
    };

    public Option<int?> Debounce { get; } = new("--debounce")
    {
        Description = "Milliseconds of quiet after a file event before the directory is read (key debounce; default 500)",
        HelpName = "MS",
    };

    public Option<int?> ProxyTimeoutMilliseconds { get; } = new("--proxy-timeout-ms")
    {
        Description = "Longest wait for the proxy's answer to one request (key proxy_timeout_ms; default 10000)",
        HelpName = "MS",
    };

    public Option<string?> LogLevel { get; } = new("--log-level")
    {
        Description = "debug, info, warn or error (key log_level; default info)",
        HelpName = "LEVEL",
    };

    public Option<string?> HealthzAddress { get; } = new("--healthz-address")
    {
        Description = "Where GET /healthz, /counters and /metrics listen (key healthz_address; default: no HTTP endpoint)",
        HelpName = "IP:PORT",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Directory);
        command.Options.Add(Address);
        command.Options.Add(ProxySocket);
        command.Options.Add(ProxyConfig);
        command.Options.Add(StateFile);
        command.Options.Add(RescanInterval);
        command.Options.Add(Debounce);
        command.Options.Add(ProxyTimeoutMilliseconds);
        command.Options.Add(LogLevel);
        command.Options.Add(HealthzAddress);
    }
}
