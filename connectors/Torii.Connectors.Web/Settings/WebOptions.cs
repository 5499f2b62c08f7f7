using System.CommandLine;
using Torii.Config.Toml;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Web.Settings;

/// <summary>
/// The console's flags, those of every listening connector. Users, tokens and TLS files live only in the file: a
/// password hash on a command line would be seen by `ps`.
/// </summary>
internal sealed class WebOptions
{
    private static readonly string[] FileKeys = ["tls_certificate", "tls_key", "users", "tokens"];

    private readonly ListeningConnectorOptions _options = new(WebSettings.DefaultListenAddress, WebSettings.DefaultTimeout, "the console's pages", "");

    public void AddTo(Command command) => _options.AddTo(command);

    /// <exception cref="SettingsException">The settings file or a value is wrong, or the proxy's config cannot be read.</exception>
    public WebSettings Read(ParseResult parseResult, string currentDirectory)
    {
        SettingsFile file = _options.LoadFile(parseResult, currentDirectory, FileKeys);
        // SettingsFile reads top-level keys; the [[users]] and [[tokens]] tables are read from the same file here.
        TomlTable table = file.Path is null ? TomlParser.Parse("") : TomlParser.ParseFile(file.Path);
        string? certificate = file.FilePath("tls_certificate");
        string? key = file.FilePath("tls_key");
        if ((certificate is null) != (key is null))
        {
            throw new SettingsException($"{file.Path}: tls_certificate and tls_key go together");
        }

        return new WebSettings
        {
            ListenAddress = _options.ReadListenAddress(parseResult, file),
            ProxySocket = _options.ReadProxySocket(parseResult, file, currentDirectory),
            Timeout = _options.ReadTimeout(parseResult, file),
            Users = AccountsReader.Read(table, "users", "password_hash"),
            Tokens = AccountsReader.Read(table, "tokens", "token_hash"),
            TlsCertificate = certificate,
            TlsKey = key,
        };
    }
}
