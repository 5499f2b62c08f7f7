using Torii.Cli.Output;
using Torii.Protocol;
using static Torii.Cli.Tests.Output.PrintedResponse;

namespace Torii.Cli.Tests.Output;

public sealed class MetricsTableTests
{
    private static FilteredMetrics Count(long value) => new() { Count = value };

    private static FilteredMetrics Gauge(ulong value) => new() { Gauge = value };

    private static FilteredHistogram Histogram(ulong sumMicros, ulong count, params (ulong Le, ulong Count)[] buckets)
    {
        var histogram = new FilteredHistogram { Sum = sumMicros, Count = count };
        histogram.Buckets.AddRange(buckets.Select(bucket => new Bucket { Le = bucket.Le, Count = bucket.Count }));
        return histogram;
    }

    private static PrintedResponse Printed(AggregatedMetrics metrics) =>
        Of(Responses.Ok("", new ResponseContent { Metrics = metrics }));

    [Fact]
    public void Metrics_are_a_table_proxy_first_then_each_cluster_and_its_backends_sorted()
    {
        var metrics = new AggregatedMetrics
        {
            Proxying =
            {
                ["http.requests"] = Count(9),
                ["client.connections"] = Gauge(2),
                ["request.time"] = new FilteredMetrics { Histogram = Histogram(6_000, 4, (1_000, 2), (2_500, 3)) },
            },
        };
        var shop = new ClusterMetrics { Cluster = { ["http.requests"] = Count(2) } };
        var api = new ClusterMetrics { Cluster = { ["http.requests"] = Count(7) } };
        api.Backends.Add(new BackendMetrics { BackendId = "b2", Metrics = { ["http.requests"] = Count(3) } });
        api.Backends.Add(new BackendMetrics { BackendId = "b1", Metrics = { ["http.requests"] = Count(4), ["backend.connections"] = Gauge(1) } });
        metrics.Clusters["shop"] = shop;
        metrics.Clusters["api"] = api;

        PrintedResponse printed = Printed(metrics);

        Assert.Equal(
            Lines(
                "SCOPE           NAME                 VALUE",
                "proxy           client.connections   2",
                "proxy           http.requests        9",
                "proxy           request.time         count 4, mean 1.5 ms, p50 ~1 ms, p99 ~2.5 ms",
                "cluster api     http.requests        7",
                "backend api/b1  backend.connections  1",
                "backend api/b1  http.requests        4",
                "backend api/b2  http.requests        3",
                "cluster shop    http.requests        2"),
            printed.Output);
        Assert.Empty(printed.Error);
    }

    [Fact]
    public void An_empty_histogram_shows_its_count_only()
    {
        var metrics = new AggregatedMetrics { Proxying = { ["request.time"] = new FilteredMetrics { Histogram = Histogram(0, 0, (1_000, 0)) } } };

        Assert.Equal(Lines("SCOPE  NAME          VALUE", "proxy  request.time  count 0"), Printed(metrics).Output);
    }

    [Fact]
    public void No_metrics_says_so()
    {
        Assert.Equal(Lines("no metrics"), Printed(new AggregatedMetrics()).Output);
    }

    [Theory]
    [InlineData(0.5, 50)]
    [InlineData(0.99, 99)]
    [InlineData(1.0, 100)]
    public void A_quantile_is_interpolated_inside_its_bucket(double quantile, double expectedMicros)
    {
        FilteredHistogram histogram = Histogram(500, 10, (100, 10), (1_000, 10));

        Assert.Equal(expectedMicros, HistogramQuantile.Estimate(histogram, quantile), precision: 6);
    }

    [Fact]
    public void A_quantile_past_the_last_bound_is_that_bound()
    {
        FilteredHistogram histogram = Histogram(30_000_000, 3, (1_000, 1), (10_000, 2));

        Assert.Equal(10_000, HistogramQuantile.Estimate(histogram, 0.99));
    }

    [Fact]
    public void A_quantile_skips_empty_buckets_and_starts_from_the_previous_bound()
    {
        FilteredHistogram histogram = Histogram(4_000_000, 2, (100, 0), (1_000_000, 1), (5_000_000, 2));

        Assert.Equal(1_000_000, HistogramQuantile.Estimate(histogram, 0.5), precision: 6);
        Assert.Equal(4_920_000, HistogramQuantile.Estimate(histogram, 0.99), precision: 6);
    }

    [Theory]
    [InlineData(50, "50 µs")]
    [InlineData(999.4, "999.4 µs")]
    [InlineData(1_500, "1.5 ms")]
    [InlineData(4_920_000, "4.92 s")]
    public void Durations_read_in_the_unit_that_suits_them(double micros, string expected)
    {
        Assert.Equal(expected, MetricValueText.Duration(micros));
    }
}
