using Torii.Connectors.Prometheus.Exposition;
using Torii.Protocol;
using Kind = Torii.Protocol.FilteredMetrics.InnerOneofCase;

namespace Torii.Connectors.Prometheus.Mapping;

/// <summary>
/// Turns the proxy's answer to query_metrics into Prometheus families. Proxy-wide metrics have no labels,
/// a cluster's carry cluster_id, a backend's carry cluster_id and backend_id. Counts become counters
/// (name + "_total"); gauges and times stay gauges; histograms, reported in microseconds, become seconds
/// (name + "_seconds", buckets under "le", +Inf being the count); percentiles become summaries. Time series
/// are left out: Prometheus computes rates itself. Names are sorted, and every name is exported, known or not.
/// </summary>
internal static class MetricsMapper
{
    private const string BucketLabel = "le";
    private const string QuantileLabel = "quantile";
    private const double MicrosecondsPerSecond = 1_000_000;

    public static IReadOnlyList<MetricFamily> Map(AggregatedMetrics metrics)
    {
        var families = new Dictionary<string, FamilyBuilder>(StringComparer.Ordinal);
        AddScope(families, metrics.Proxying, []);
        foreach (var (clusterId, cluster) in metrics.Clusters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            AddScope(families, cluster.Cluster, [new(PrometheusNames.ClusterLabel, clusterId)]);
            foreach (BackendMetrics backend in cluster.Backends.OrderBy(backend => backend.BackendId, StringComparer.Ordinal))
            {
                AddScope(families, backend.Metrics, [new(PrometheusNames.ClusterLabel, clusterId), new(PrometheusNames.BackendLabel, backend.BackendId)]);
            }
        }

        return [.. families.Values.OrderBy(family => family.Name, StringComparer.Ordinal).Select(family => family.Build())];
    }

    private static void AddScope(Dictionary<string, FamilyBuilder> families, IDictionary<string, FilteredMetrics> metrics, MetricLabel[] labels)
    {
        foreach (var (dottedName, value) in metrics.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Add(families, dottedName, value, labels);
        }
    }

    private static void Add(Dictionary<string, FamilyBuilder> families, string dottedName, FilteredMetrics value, MetricLabel[] labels)
    {
        switch (value.InnerCase)
        {
            case Kind.Count:
                string counter = PrometheusNames.CounterFamily(dottedName);
                AddSeries(families, counter, MetricType.Counter, dottedName, unit: null, labels, [new(counter + "_total", labels, SampleValue.Of(value.Count))]);
                break;
            case Kind.Gauge:
                AddGauge(families, dottedName, labels, value.Gauge);
                break;
            case Kind.Time:
                AddGauge(families, dottedName, labels, value.Time);
                break;
            case Kind.Histogram:
                string histogram = PrometheusNames.HistogramFamily(dottedName);
                AddSeries(families, histogram, MetricType.Histogram, dottedName, "seconds", labels, HistogramSamples(histogram, labels, value.Histogram));
                break;
            case Kind.Percentiles:
                string summary = PrometheusNames.Of(dottedName);
                AddSeries(families, summary, MetricType.Summary, dottedName, unit: null, labels, SummarySamples(summary, labels, value.Percentiles));
                break;
            default:
                break;
        }
    }

    private static void AddGauge(Dictionary<string, FamilyBuilder> families, string dottedName, MetricLabel[] labels, ulong value)
    {
        string gauge = PrometheusNames.Of(dottedName);
        AddSeries(families, gauge, MetricType.Gauge, dottedName, unit: null, labels, [new(gauge, labels, SampleValue.Of(value))]);
    }

    // A name already taken by a family of another type keeps its first type: one family cannot mix types.
    private static void AddSeries(
        Dictionary<string, FamilyBuilder> families,
        string familyName,
        MetricType type,
        string dottedName,
        string? unit,
        MetricLabel[] labels,
        IEnumerable<MetricSample> samples)
    {
        if (!families.TryGetValue(familyName, out FamilyBuilder? family))
        {
            family = new FamilyBuilder(familyName, type, MetricHelp.For(dottedName), unit);
            families.Add(familyName, family);
        }

        if (family.Type == type)
        {
            family.TryAddSeries(labels, samples);
        }
    }

    private static List<MetricSample> HistogramSamples(string name, MetricLabel[] labels, FilteredHistogram histogram)
    {
        var samples = new List<MetricSample>(histogram.Buckets.Count + 3);
        foreach (Bucket bucket in histogram.Buckets.OrderBy(bucket => bucket.Le).DistinctBy(bucket => bucket.Le))
        {
            string upperBound = PrometheusNumber.Format(bucket.Le / MicrosecondsPerSecond);
            samples.Add(new(name + "_bucket", [.. labels, new(BucketLabel, upperBound)], SampleValue.Of(bucket.Count)));
        }

        samples.Add(new(name + "_bucket", [.. labels, new(BucketLabel, "+Inf")], SampleValue.Of(histogram.Count)));
        samples.Add(new(name + "_sum", labels, SampleValue.Of(histogram.Sum / MicrosecondsPerSecond)));
        samples.Add(new(name + "_count", labels, SampleValue.Of(histogram.Count)));
        return samples;
    }

    private static List<MetricSample> SummarySamples(string name, MetricLabel[] labels, Percentiles percentiles)
    {
        (double Quantile, bool Present, ulong Value)[] quantiles =
        [
            (0.5, percentiles.HasP50, percentiles.P50),
            (0.9, percentiles.HasP90, percentiles.P90),
            (0.99, percentiles.HasP99, percentiles.P99),
            (0.999, percentiles.HasP999, percentiles.P999),
            (0.9999, percentiles.HasP9999, percentiles.P9999),
            (0.99999, percentiles.HasP99999, percentiles.P99999),
            (1, percentiles.HasP100, percentiles.P100),
        ];
        var samples = new List<MetricSample>(quantiles.Length + 2);
        foreach (var (quantile, present, value) in quantiles)
        {
            if (present)
            {
                samples.Add(new(name, [.. labels, new(QuantileLabel, PrometheusNumber.Format(quantile))], SampleValue.Of(value)));
            }
        }

        samples.Add(new(name + "_sum", labels, SampleValue.Of(percentiles.Sum)));
        samples.Add(new(name + "_count", labels, SampleValue.Of(percentiles.Samples)));
        return samples;
    }
}
