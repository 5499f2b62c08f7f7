using Torii.Connectors.Web.Live;
using Torii.Protocol;

namespace Torii.Connectors.Web.Tests.Live;

public sealed class MetricsReadingTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    [Fact]
    public void Rates_are_counter_differences_over_the_elapsed_time()
    {
        AggregatedMetrics before = Reading(requests: 100, errors: 4, connections: 3, histogram: Histogram((1000, 10), (10_000, 10), (100_000, 10)));
        AggregatedMetrics after = Reading(requests: 300, errors: 10, connections: 7, histogram: Histogram((1000, 60), (10_000, 108), (100_000, 110)));

        MetricsSample sample = MetricsReading.Sample(before, after, TwoSeconds, 1234);

        Assert.Equal(1234, sample.Time);
        Assert.Equal(100, sample.RequestRate);
        Assert.Equal(3, sample.ErrorRate);
        Assert.Equal(7, sample.Connections);
        // 100 requests ended in the interval: 50 within 1 ms, 48 more within 10 ms, 2 more within 100 ms.
        Assert.Equal(1.0, sample.P50Milliseconds);
        Assert.Equal(100.0, sample.P99Milliseconds);
    }

    [Fact]
    public void The_first_reading_and_a_counter_that_went_down_give_zero_not_a_negative_rate()
    {
        AggregatedMetrics high = Reading(requests: 500, errors: 50, connections: 1, histogram: Histogram((1000, 5)));
        AggregatedMetrics low = Reading(requests: 20, errors: 0, connections: 1, histogram: Histogram((1000, 1)));

        Assert.Equal(0, MetricsReading.Sample(null, high, TimeSpan.Zero, 0).RequestRate);
        MetricsSample afterRestart = MetricsReading.Sample(high, low, TwoSeconds, 0);
        Assert.Equal(0, afterRestart.RequestRate);
        Assert.Equal(0, afterRestart.ErrorRate);
        Assert.Null(afterRestart.P50Milliseconds);
    }

    [Fact]
    public void No_request_in_the_interval_means_no_latency_rather_than_zero()
    {
        AggregatedMetrics reading = Reading(requests: 7, errors: 0, connections: 0, histogram: Histogram((1000, 7)));
        Assert.Null(MetricsReading.Sample(reading, reading, TwoSeconds, 0).P99Milliseconds);
    }

    [Fact]
    public void Each_cluster_and_backend_gets_its_own_rate_and_connections()
    {
        AggregatedMetrics before = Reading(requests: 0, errors: 0, connections: 0, histogram: Histogram());
        before.Clusters["app"] = Cluster(("b1", 10, 0, 2), ("b2", 0, 0, 0));
        AggregatedMetrics after = Reading(requests: 0, errors: 0, connections: 0, histogram: Histogram());
        after.Clusters["app"] = Cluster(("b1", 30, 4, 5), ("b2", 6, 0, 1));

        var backends = MetricsReading.Backends(before, after, TwoSeconds);
        Assert.Equal(new TrafficRate(10, 2, 5), backends[("app", "b1")]);
        Assert.Equal(new TrafficRate(3, 0, 1), backends[("app", "b2")]);
        Assert.Equal(6, MetricsReading.Clusters(before, after, TwoSeconds)["app"].Connections);
    }

    private static AggregatedMetrics Reading(long requests, long errors, ulong connections, FilteredHistogram histogram)
    {
        var metrics = new AggregatedMetrics();
        metrics.Proxying[MetricsReading.Requests] = new FilteredMetrics { Count = requests };
        metrics.Proxying[MetricsReading.Errors] = new FilteredMetrics { Count = errors };
        metrics.Proxying[MetricsReading.ClientConnections] = new FilteredMetrics { Gauge = connections };
        metrics.Proxying[MetricsReading.RequestTime] = new FilteredMetrics { Histogram = histogram };
        return metrics;
    }

    private static FilteredHistogram Histogram(params (ulong LeMicros, ulong Cumulative)[] buckets)
    {
        var histogram = new FilteredHistogram { Count = buckets.Length == 0 ? 0 : buckets[^1].Cumulative };
        histogram.Buckets.AddRange(buckets.Select(bucket => new Bucket { Le = bucket.LeMicros, Count = bucket.Cumulative }));
        return histogram;
    }

    private static ClusterMetrics Cluster(params (string Id, long Requests, long Errors, ulong Connections)[] backends)
    {
        var cluster = new ClusterMetrics();
        foreach (var (id, requests, errors, connections) in backends)
        {
            var backend = new BackendMetrics { BackendId = id };
            backend.Metrics[MetricsReading.Requests] = new FilteredMetrics { Count = requests };
            backend.Metrics[MetricsReading.Errors] = new FilteredMetrics { Count = errors };
            backend.Metrics[MetricsReading.BackendConnections] = new FilteredMetrics { Gauge = connections };
            cluster.Backends.Add(backend);
        }

        return cluster;
    }
}
