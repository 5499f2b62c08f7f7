using Torii.Protocol;

namespace Torii.Connectors.Web.Live;

/// <summary>
/// Turns two consecutive query_metrics answers into rates: the proxy's sample for the charts, and each cluster's
/// and backend's rate for the clusters page. A counter that went down (the metrics were cleared or the proxy
/// restarted) counts as zero for that interval rather than as a negative rate.
/// </summary>
internal static class MetricsReading
{
    public const string Requests = "http.requests";
    public const string Errors = "http.errors";
    public const string RequestTime = "request.time";
    public const string ClientConnections = "client.connections";
    public const string BackendConnections = "backend.connections";

    public static MetricsSample Sample(AggregatedMetrics? before, AggregatedMetrics after, TimeSpan elapsed, long unixSeconds)
    {
        FilteredHistogram? earlier = Histogram(before?.Proxying, RequestTime);
        FilteredHistogram? later = Histogram(after.Proxying, RequestTime);
        return new MetricsSample(
            unixSeconds,
            Rate(before?.Proxying, after.Proxying, Requests, elapsed),
            Rate(before?.Proxying, after.Proxying, Errors, elapsed),
            LatencyQuantile.Milliseconds(earlier, later, 0.50),
            LatencyQuantile.Milliseconds(earlier, later, 0.99),
            Gauge(after.Proxying, ClientConnections));
    }

    public static Dictionary<string, TrafficRate> Clusters(AggregatedMetrics? before, AggregatedMetrics after, TimeSpan elapsed)
    {
        var rates = new Dictionary<string, TrafficRate>(StringComparer.Ordinal);
        foreach (var (clusterId, cluster) in after.Clusters)
        {
            ClusterMetrics? earlier = before?.Clusters.GetValueOrDefault(clusterId);
            rates[clusterId] = RateOf(earlier?.Cluster, cluster.Cluster, elapsed, cluster.Backends.Sum(backend => Gauge(backend.Metrics, BackendConnections)));
        }

        return rates;
    }

    public static Dictionary<(string Cluster, string Backend), TrafficRate> Backends(AggregatedMetrics? before, AggregatedMetrics after, TimeSpan elapsed)
    {
        var rates = new Dictionary<(string, string), TrafficRate>();
        foreach (var (clusterId, cluster) in after.Clusters)
        {
            ClusterMetrics? earlierCluster = before?.Clusters.GetValueOrDefault(clusterId);
            foreach (BackendMetrics backend in cluster.Backends)
            {
                BackendMetrics? earlier = earlierCluster?.Backends.FirstOrDefault(candidate => candidate.BackendId == backend.BackendId);
                rates[(clusterId, backend.BackendId)] = RateOf(earlier?.Metrics, backend.Metrics, elapsed, Gauge(backend.Metrics, BackendConnections));
            }
        }

        return rates;
    }

    private static TrafficRate RateOf(
        IDictionary<string, FilteredMetrics>? before, IDictionary<string, FilteredMetrics> after, TimeSpan elapsed, long connections) =>
        new(Rate(before, after, Requests, elapsed), Rate(before, after, Errors, elapsed), connections);

    private static double Rate(IDictionary<string, FilteredMetrics>? before, IDictionary<string, FilteredMetrics> after, string name, TimeSpan elapsed)
    {
        if (before is null || elapsed <= TimeSpan.Zero)
        {
            return 0;
        }

        long delta = Count(after, name) - Count(before, name);
        return delta <= 0 ? 0 : delta / elapsed.TotalSeconds;
    }

    private static long Count(IDictionary<string, FilteredMetrics> metrics, string name) =>
        metrics.TryGetValue(name, out FilteredMetrics? value) && value.InnerCase == FilteredMetrics.InnerOneofCase.Count ? value.Count : 0;

    private static long Gauge(IDictionary<string, FilteredMetrics> metrics, string name) =>
        metrics.TryGetValue(name, out FilteredMetrics? value) && value.InnerCase == FilteredMetrics.InnerOneofCase.Gauge ? (long)value.Gauge : 0;

    private static FilteredHistogram? Histogram(IDictionary<string, FilteredMetrics>? metrics, string name) =>
        metrics is not null && metrics.TryGetValue(name, out FilteredMetrics? value) && value.InnerCase == FilteredMetrics.InnerOneofCase.Histogram
            ? value.Histogram
            : null;
}
