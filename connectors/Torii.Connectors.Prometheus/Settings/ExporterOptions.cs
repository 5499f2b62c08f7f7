using System.CommandLine;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Prometheus.Settings;

/// <summary>The exporter's flags: those of every listening connector, nothing else.</summary>
internal sealed class ExporterOptions
{
    private readonly ListeningConnectorOptions _options = new(
        ExporterSettings.DefaultListenAddress,
        ExporterSettings.DefaultTimeout,
        "/metrics and /healthz",
        "; keep it under Prometheus' scrape_timeout");

    public void AddTo(Command command) => _options.AddTo(command);

    /// <exception cref="SettingsException">The settings file or a value is wrong, or the proxy's config cannot be read.</exception>
    public ExporterSettings Read(ParseResult parseResult, string currentDirectory)
    {
        SettingsFile file = _options.LoadFile(parseResult, currentDirectory, []);
        return new ExporterSettings
        {
            ListenAddress = _options.ReadListenAddress(parseResult, file),
            ProxySocket = _options.ReadProxySocket(parseResult, file, currentDirectory),
            Timeout = _options.ReadTimeout(parseResult, file),
        };
    }
}
