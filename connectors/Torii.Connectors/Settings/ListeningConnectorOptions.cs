using System.CommandLine;
using System.Globalization;
using System.Net;

namespace Torii.Connectors.Settings;

/// <summary>
/// The flags of a connector that serves HTTP and asks the proxy (torii-prometheus, torii-web): its settings
/// file, the one address it listens on, where the proxy is, and how long to wait for it. Each flag overrides
/// the key of the same name (underscores for dashes) in the file given with --config.
/// </summary>
public sealed class ListeningConnectorOptions
{
    public static readonly IReadOnlyList<string> Keys = ["listen_address", "proxy_socket", "proxy_config", "timeout_ms"];

    private const int LargestTimeout = 24 * 60 * 60 * 1000;

    private readonly IPEndPoint _defaultListenAddress;
    private readonly TimeSpan _defaultTimeout;

    public ListeningConnectorOptions(IPEndPoint defaultListenAddress, TimeSpan defaultTimeout, string listenWhat, string timeoutAdvice)
    {
        _defaultListenAddress = defaultListenAddress;
        _defaultTimeout = defaultTimeout;
        ListenAddress = new Option<string?>("--listen-address")
        {
            Description = $"The only address {listenWhat} listen on (key listen_address; default {defaultListenAddress})",
            HelpName = "IP:PORT",
        };
        TimeoutMilliseconds = new Option<int?>("--timeout-ms")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Longest wait for the proxy's answer, in milliseconds{timeoutAdvice} (key timeout_ms; default {defaultTimeout.TotalMilliseconds:0})"),
            HelpName = "MS",
        };
    }

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The connector's TOML settings file; flags override its keys",
        HelpName = "FILE",
    };

    public Option<string?> ListenAddress { get; }

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

    public Option<int?> TimeoutMilliseconds { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(ListenAddress);
        command.Options.Add(ProxySocket);
        command.Options.Add(ProxyConfig);
        command.Options.Add(TimeoutMilliseconds);
    }

    /// <summary>The absolute path of the file given with --config, or null.</summary>
    public string? ConfigPath(ParseResult parseResult, string currentDirectory) =>
        parseResult.GetValue(Config) is { } path ? Path.GetFullPath(path, currentDirectory) : null;

    /// <exception cref="SettingsException">The file cannot be read or has a key neither in <see cref="Keys"/> nor in <paramref name="connectorKeys"/>.</exception>
    public SettingsFile LoadFile(ParseResult parseResult, string currentDirectory, IEnumerable<string> connectorKeys) =>
        ConfigPath(parseResult, currentDirectory) is { } path ? SettingsFile.Load(path, [.. Keys, .. connectorKeys]) : SettingsFile.Empty;

    /// <exception cref="SettingsException">Not "IP:PORT" or "[IPv6]:PORT": a host name is refused, so the connector never listens wider than asked.</exception>
    public IPEndPoint ReadListenAddress(ParseResult parseResult, SettingsFile file) =>
        parseResult.GetValue(ListenAddress) is { } flag ? ParseListenAddress(flag, "--listen-address")
        : file.String("listen_address") is { } key ? ParseListenAddress(key, file.Where("listen_address"))
        : _defaultListenAddress;

    /// <exception cref="SettingsException">The proxy's config cannot be read.</exception>
    public string ReadProxySocket(ParseResult parseResult, SettingsFile file, string currentDirectory)
    {
        string? socket = parseResult.GetValue(ProxySocket) is { } givenSocket ? Path.GetFullPath(givenSocket, currentDirectory) : file.FilePath("proxy_socket");
        string? proxyConfig = parseResult.GetValue(ProxyConfig) is { } givenConfig ? Path.GetFullPath(givenConfig, currentDirectory) : file.FilePath("proxy_config");
        return ProxySocketLocator.Locate(socket, proxyConfig, currentDirectory);
    }

    /// <exception cref="SettingsException">Out of 1 ms .. 24 h.</exception>
    public TimeSpan ReadTimeout(ParseResult parseResult, SettingsFile file)
    {
        int? value = parseResult.GetValue(TimeoutMilliseconds) is { } flag
            ? flag is >= 1 and <= LargestTimeout ? flag : throw new SettingsException($"--timeout-ms: timeout_ms must be between 1 and {LargestTimeout}, not {flag}")
            : file.Integer("timeout_ms", 1, LargestTimeout);
        return value is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : _defaultTimeout;
    }

    private IPEndPoint ParseListenAddress(string text, string where) =>
        EndPointText.TryParse(text, out IPEndPoint? address)
            ? address
            : throw new SettingsException($"{where}: listen_address must be an IP address and a port such as {_defaultListenAddress}, not \"{text}\"");
}
