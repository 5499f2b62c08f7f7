using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`metrics get`: one row a metric, proxy-wide first, then each cluster followed by its backends.</summary>
internal static class MetricsTable
{
    public static void Write(AggregatedMetrics metrics, TextWriter writer)
    {
        var table = new TextTable("SCOPE", "NAME", "VALUE");
        AddRows(table, "proxy", metrics.Proxying);
        foreach (var (clusterId, cluster) in metrics.Clusters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            AddRows(table, $"cluster {clusterId}", cluster.Cluster);
            foreach (BackendMetrics backend in cluster.Backends.OrderBy(backend => backend.BackendId, StringComparer.Ordinal))
            {
                AddRows(table, $"backend {clusterId}/{backend.BackendId}", backend.Metrics);
            }
        }

        if (table.RowCount == 0)
        {
            writer.WriteLine("no metrics");
            return;
        }

        table.WriteTo(writer);
    }

    private static void AddRows(TextTable table, string scope, IDictionary<string, FilteredMetrics> metrics)
    {
        foreach (var (name, value) in metrics.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            table.AddRow(scope, name, MetricValueText.Of(value));
        }
    }
}
