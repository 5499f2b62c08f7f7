using System.CommandLine;
using Torii.Client;
using Torii.Connectors.Applying;
using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Pki.Loading;
using Torii.Connectors.Pki.Monitoring;
using Torii.Connectors.Pki.Reconciling;
using Torii.Connectors.Pki.Settings;
using Torii.Connectors.Pki.Watching;
using Torii.Connectors.Settings;
using Torii.Protocol;

namespace Torii.Connectors.Pki;

/// <summary>`torii-pki`: keeps an HTTPS listener's certificates equal to a directory of PEM pairs.</summary>
internal static class PkiCommandLine
{
    public const string Program = "torii-pki";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    public static RootCommand Create()
    {
        var options = new PkiOptions();
        var root = new RootCommand("Keeps the certificates of a Torii HTTPS listener equal to a directory of PEM certificate and key pairs");
        options.AddTo(root);
        root.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, options, cancellationToken));
        return root;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, PkiOptions options, CancellationToken stopping)
    {
        PkiSettings settings;
        CertificateOwnership ownership;
        var log = new ConnectorLog("pki");
        try
        {
            settings = PkiSettingsReader.Read(parseResult, options, Environment.CurrentDirectory);
            log.Level = settings.LogLevel;
            ownership = CertificateOwnership.Load(settings.StateFile, SocketAddresses.Format(settings.Listener), log.Warn);
        }
        catch (SettingsException exception)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"{Program}: {exception.Message}").ConfigureAwait(false);
            return 1;
        }

        log.Info($"keeping the certificates of {SocketAddresses.Format(settings.Listener)} equal to {settings.Directory}; " +
            $"proxy {settings.ProxySocket}, rescan every {settings.RescanInterval.TotalSeconds:0.###} s, debounce {settings.Debounce.TotalMilliseconds:0} ms, " +
            $"state {settings.StateFile} ({ownership.Certificates.Count} certificates added earlier)");
        var monitor = new PkiMonitor(new ConnectorMetrics(Program), TimeProvider.System);
        HealthServer? server = null;
        if (settings.HealthzAddress is { } address)
        {
            try
            {
                server = await HealthServer.StartAsync(address, monitor, monitor.Metrics, stopping).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                log.Error($"cannot listen for /healthz and /metrics on {address}: {exception.Message}");
                return 1;
            }

            log.Info($"health on http://{server.Address}/healthz, counters on /counters, metrics on /metrics");
        }

        await using (server)
        {
            await RunConnectorAsync(settings, ownership, monitor, log, stopping).ConfigureAwait(false);
        }

        log.Info("stopped");
        return 0;
    }

    private static async Task RunConnectorAsync(
        PkiSettings settings, CertificateOwnership ownership, PkiMonitor monitor, ConnectorLog log, CancellationToken stopping)
    {
        await using var client = new ToriiClient(new ToriiClientOptions
        {
            SocketPath = settings.ProxySocket,
            PoolSize = 1,
            RequestTimeout = settings.ProxyTimeout,
        });
        using var watcher = new DirectoryWatcher(settings.Directory);
        var reconciler = new Reconciler(
            settings.Directory,
            settings.Listener,
            new ToriiProxyCertificates(client),
            ownership,
            new CertificatePairLoader(TimeProvider.System),
            log,
            monitor);
        var connector = new PkiConnector(
            reconciler, watcher, log, settings.RescanInterval, settings.Debounce, new RetryBackoff(FirstRetry, LongestRetry), monitor);
        await connector.RunAsync(stopping).ConfigureAwait(false);
    }
}
