using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Reads a proxy's metrics until one reaches the value a test waits for (the proxy has no push for it).</summary>
public static class MetricsWatch
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The proxy-wide metric, once <paramref name="reached"/> holds for it.</summary>
    public static Task<FilteredMetrics> ProxyMetricAsync(ToriiProcess torii, string name, Func<FilteredMetrics, bool> reached) =>
        WaitAsync(torii, new QueryMetricsOptions { MetricNames = { name }, NoClusters = true }, metrics => metrics.Proxying.GetValueOrDefault(name), reached);

    /// <summary>The cluster's metric, once <paramref name="reached"/> holds for it.</summary>
    public static Task<FilteredMetrics> ClusterMetricAsync(ToriiProcess torii, string clusterId, string name, Func<FilteredMetrics, bool> reached) =>
        WaitAsync(
            torii,
            new QueryMetricsOptions { MetricNames = { name }, ClusterIds = { clusterId } },
            metrics => metrics.Clusters.GetValueOrDefault(clusterId)?.Cluster.GetValueOrDefault(name),
            reached);

    private static async Task<FilteredMetrics> WaitAsync(
        ToriiProcess torii, QueryMetricsOptions query, Func<AggregatedMetrics, FilteredMetrics?> select, Func<FilteredMetrics, bool> reached)
    {
        using var patience = new CancellationTokenSource(Patience);
        FilteredMetrics? last = null;
        while (!patience.IsCancellationRequested)
        {
            last = select((await torii.MustAsync(new Request { QueryMetrics = query })).Content.Metrics);
            if (last is not null && reached(last))
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        throw new TimeoutException($"metric never reached the expected value; last: {last}");
    }
}
