using System.CommandLine;
using Torii.Config.Toml;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Web.Settings;

/// <summary>
/// The console's flags; each overrides the key of the same name (underscores for dashes) in the TOML file given
/// with --config. Users and tokens live only in the file: a password hash on a command line would be seen by `ps`.
/// </summary>
internal sealed class WebOptions
{
    private static readonly string[] FileKeys =
        ["listen_address", "proxy_socket", "proxy_config", "timeout_ms", "tls_certificate", "tls_key", "users", "tokens"];

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The console's TOML settings file (users, tokens); flags override its keys",
        HelpName = "FILE",
    };

    public Option<string?> ListenAddress { get; } = new("--listen-address")
    {
        Description = "The only address the console listens on (key listen_address; default 127.0.0.1:9400)",
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
        Description = "Longest wait for one answer of the proxy, in milliseconds (key timeout_ms; default 5000)",
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
    public WebSettings Read(ParseResult parseResult, string currentDirectory)
    {
        string? path = parseResult.GetValue(Config) is { } given ? Path.GetFullPath(given, currentDirectory) : null;
        SettingsFile file = path is null ? SettingsFile.Empty : SettingsFile.Load(path, FileKeys);
        TomlTable table = path is null ? TomlParser.Parse("") : TomlParser.ParseFile(path);

        string? listenText = parseResult.GetValue(ListenAddress);
        var listenAddress = listenText is not null
            ? EndPointText.Parse(listenText, "--listen-address")
            : file.String("listen_address") is { } fromFile
                ? EndPointText.Parse(fromFile, file.Where("listen_address"))
                : WebSettings.DefaultListenAddress;

        string? socket = parseResult.GetValue(ProxySocket) is { } givenSocket ? Path.GetFullPath(givenSocket, currentDirectory) : file.FilePath("proxy_socket");
        string? proxyConfig = parseResult.GetValue(ProxyConfig) is { } givenConfig ? Path.GetFullPath(givenConfig, currentDirectory) : file.FilePath("proxy_config");
        int timeout = parseResult.GetValue(TimeoutMilliseconds) ?? file.Integer("timeout_ms", 1, 3_600_000) ?? (int)WebSettings.DefaultTimeout.TotalMilliseconds;
        if (timeout < 1)
        {
            throw new SettingsException($"--timeout-ms must be at least 1, not {timeout}");
        }

        string? certificate = file.FilePath("tls_certificate");
        string? key = file.FilePath("tls_key");
        if ((certificate is null) != (key is null))
        {
            throw new SettingsException($"{file.Path}: tls_certificate and tls_key go together");
        }

        return new WebSettings
        {
            ListenAddress = listenAddress,
            ProxySocket = ProxySocketLocator.Locate(socket, proxyConfig, currentDirectory),
            Timeout = TimeSpan.FromMilliseconds(timeout),
            Users = AccountsReader.Read(table, "users", "password_hash"),
            Tokens = AccountsReader.Read(table, "tokens", "token_hash"),
            TlsCertificate = certificate,
            TlsKey = key,
        };
    }
}
