using Prometheus;

namespace Torii.Connectors.Monitoring;

/// <summary>
/// The metrics of one connector process, served on /metrics: a registry of its own (nothing global, so
/// two in one process stay apart), every series labelled <c>connector</c>, the process and .NET runtime
/// metrics beside the connector's.
/// </summary>
public sealed class ConnectorMetrics
{
    public ConnectorMetrics(string connector)
    {
        Registry = Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string>(StringComparer.Ordinal) { ["connector"] = connector });
        DotNetStats.Register(Registry);
        Factory = Metrics.WithCustomRegistry(Registry);

        // No tracing here to take exemplars from; looking for one on every increment would be wasted work.
        Factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    /// <summary>Runs <paramref name="update"/> before each collection, for values read from state rather than counted.</summary>
    public void BeforeEachScrape(Action update) => Registry.AddBeforeCollectCallback(update);

    /// <summary>The metrics in the Prometheus text format, as /metrics serves them.</summary>
    public async Task<string> ExportTextAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(buffer, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
