using System.CommandLine;
using Torii.Connectors.Logging;
using Torii.Connectors.Settings;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Settings;

/// <summary>Resolves the settings: a flag wins over the key of the settings file, which wins over the default.</summary>
internal static class PkiSettingsReader
{
    public const string DefaultStateFileName = "torii-pki.state";

    /// <exception cref="SettingsException">A setting is missing, malformed or out of range, or a file cannot be read.</exception>
    public static PkiSettings Read(ParseResult parseResult, PkiOptions options, string currentDirectory)
    {
        string? configPath = parseResult.GetValue(options.Config) is { } givenConfig ? Path.GetFullPath(givenConfig, currentDirectory) : null;
        SettingsFile file = configPath is null ? SettingsFile.Empty : SettingsFile.Load(configPath, PkiOptions.Keys);

        string directory = FlagPath(parseResult, options.Directory, currentDirectory) ?? file.FilePath("directory")
            ?? throw new SettingsException("give the certificate directory with --directory DIR (key directory)");
        string addressText = parseResult.GetValue(options.Address) ?? file.String("address")
            ?? throw new SettingsException("give the proxy's HTTPS listener with --address IP:PORT (key address)");
        if (!SocketAddresses.TryParse(addressText, out SocketAddress? listener))
        {
            throw new SettingsException($"address \"{addressText}\" is not IP:PORT (1.2.3.4:443 or [::1]:443)");
        }

        string? socket = FlagPath(parseResult, options.ProxySocket, currentDirectory) ?? file.FilePath("proxy_socket");
        string? proxyConfig = FlagPath(parseResult, options.ProxyConfig, currentDirectory) ?? file.FilePath("proxy_config");
        string defaultStateFile = Path.Combine(configPath is null ? currentDirectory : Path.GetDirectoryName(configPath)!, DefaultStateFileName);
        string levelText = parseResult.GetValue(options.LogLevel) ?? file.String("log_level") ?? "info";
        if (!ConnectorLog.TryParseLevel(levelText, out LogLevel level))
        {
            throw new SettingsException($"log_level must be debug, info, warn or error, not \"{levelText}\"");
        }

        string? healthz = parseResult.GetValue(options.HealthzAddress) ?? file.String("healthz_address");
        return new PkiSettings
        {
            Directory = directory,
            Listener = listener,
            ProxySocket = ProxySocketLocator.Locate(socket, proxyConfig, currentDirectory),
            StateFile = FlagPath(parseResult, options.StateFile, currentDirectory) ?? file.FilePath("state_file") ?? defaultStateFile,
            RescanInterval = TimeSpan.FromSeconds(
                InRange(parseResult.GetValue(options.RescanInterval) ?? file.Integer("rescan_interval", 1, 86_400), "rescan_interval", 1, 86_400)
                ?? PkiSettings.DefaultRescanInterval.TotalSeconds),
            Debounce = TimeSpan.FromMilliseconds(
                InRange(parseResult.GetValue(options.Debounce) ?? file.Integer("debounce", 0, 60_000), "debounce", 0, 60_000)
                ?? PkiSettings.DefaultDebounce.TotalMilliseconds),
            ProxyTimeout = TimeSpan.FromMilliseconds(
                InRange(parseResult.GetValue(options.ProxyTimeoutMilliseconds) ?? file.Integer("proxy_timeout_ms", 1, 600_000), "proxy_timeout_ms", 1, 600_000)
                ?? 10_000),
            LogLevel = level,
            HealthzAddress = healthz is null ? null : EndPointText.Parse(healthz, "healthz_address"),
        };
    }

    private static string? FlagPath(ParseResult parseResult, Option<string?> option, string currentDirectory) =>
        parseResult.GetValue(option) is { } given ? Path.GetFullPath(given, currentDirectory) : null;

    private static int? InRange(int? value, string key, int min, int max) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw new SettingsException($"{key} must be between {min} and {max}, not {value}");
}
