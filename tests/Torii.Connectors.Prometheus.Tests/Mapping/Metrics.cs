using Torii.Protocol;

namespace Torii.Connectors.Prometheus.Tests.Mapping;

/// <summary>FilteredMetrics values as the proxy sends them, built shortly.</summary>
internal static class Metrics
{
    public static FilteredMetrics Count(long value) => new() { Count = value };

    public static FilteredMetrics Gauge(ulong value) => new() { Gauge = value };

    /// <param name="buckets">Upper bounds in microseconds with cumulative counts.</param>
    public static FilteredMetrics Histogram(ulong sumMicros, ulong count, params (ulong Le, ulong Count)[] buckets)
    {
        var histogram = new FilteredHistogram { Sum = sumMicros, Count = count };
        histogram.Buckets.AddRange(buckets.Select(bucket => new Bucket { Le = bucket.Le, Count = bucket.Count }));
        return new FilteredMetrics { Histogram = histogram };
    }
}
