using Torii.Protocol;
using Torii.Proxy.Queueing;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Metrics;

/// <summary>Answers query_metrics from the live counters: the proxy's, then each cluster's and backend's in the snapshot.</summary>
public static class MetricsQuery
{
    public static ResponseContent Answer(QueryMetricsOptions options, ProxyMetrics proxy, RoutingSnapshot snapshot, int clientConnections)
    {
        var filter = new MetricFilter(options.MetricNames);
        if (options.List)
        {
            return new ResponseContent { AvailableMetrics = Available(proxy, snapshot, clientConnections) };
        }

        var aggregated = new AggregatedMetrics();
        proxy.WriteTo(aggregated.Proxying, filter);
        filter.Gauge(aggregated.Proxying, "client.connections", clientConnections);
        filter.Gauge(aggregated.Proxying, "backend.connections", snapshot.Clusters.Values.Sum(cluster => SumConnections(cluster)));
        if (!options.NoClusters)
        {
            foreach (var (clusterId, cluster) in snapshot.Clusters)
            {
                if (options.ClusterIds.Count == 0 || options.ClusterIds.Contains(clusterId))
                {
                    aggregated.Clusters[clusterId] = ClusterMetricsOf(cluster, options, filter);
                }
            }
        }

        return new ResponseContent { Metrics = aggregated };
    }

    private static ClusterMetrics ClusterMetricsOf(ClusterRuntime cluster, QueryMetricsOptions options, MetricFilter filter)
    {
        var metrics = new ClusterMetrics();
        cluster.Metrics.WriteTo(metrics.Cluster, filter);
        cluster.Queue.WriteTo(metrics.Cluster, filter);
        foreach (var backend in cluster.Backends.All)
        {
            if (options.BackendIds.Count > 0 && !options.BackendIds.Contains(backend.Id))
            {
                continue;
            }

            var backendMetrics = new BackendMetrics { BackendId = backend.Id };
            (backend.RecordedMetrics ?? TrafficMetrics.None).WriteTo(backendMetrics.Metrics, filter);
            filter.Gauge(backendMetrics.Metrics, "backend.connections", backend.ActiveConnections);
            if (cluster.Health.IsChecked)
            {
                backend.Health.WriteTo(backendMetrics.Metrics, filter);
            }

            metrics.Backends.Add(backendMetrics);
        }

        return metrics;
    }

    private static long SumConnections(ClusterRuntime cluster)
    {
        long total = 0;
        foreach (var backend in cluster.Backends.All)
        {
            total += backend.ActiveConnections;
        }

        return total;
    }

    private static AvailableMetrics Available(ProxyMetrics proxy, RoutingSnapshot snapshot, int clientConnections)
    {
        var everything = Answer(new QueryMetricsOptions(), proxy, snapshot, clientConnections).Metrics;
        var available = new AvailableMetrics();
        available.ProxyMetrics.AddRange(everything.Proxying.Keys.Order(StringComparer.Ordinal));
        var sampleCluster = new ClusterMetrics();
        new TrafficMetrics().WriteTo(sampleCluster.Cluster, MetricFilter.All);
        new ClusterQueue().WriteTo(sampleCluster.Cluster, MetricFilter.All);
        available.ClusterMetrics.AddRange(sampleCluster.Cluster.Keys.Append("backend.connections").Concat(HealthMetricNames.All).Order(StringComparer.Ordinal));
        return available;
    }
}
