using Google.Protobuf.Collections;
using Torii.Protocol;

namespace Torii.Proxy.Metrics;

/// <summary>The metric names a query asked for (all when it named none), and how each kind is written.</summary>
public sealed class MetricFilter(IReadOnlyCollection<string> names)
{
    public static readonly MetricFilter All = new([]);

    private readonly HashSet<string> _names = new(names, StringComparer.Ordinal);

    public bool Includes(string name) => _names.Count == 0 || _names.Contains(name);

    public void Count(MapField<string, FilteredMetrics> metrics, string name, long value)
    {
        if (Includes(name))
        {
            metrics[name] = new FilteredMetrics { Count = value };
        }
    }

    public void Gauge(MapField<string, FilteredMetrics> metrics, string name, long value)
    {
        if (Includes(name))
        {
            metrics[name] = new FilteredMetrics { Gauge = (ulong)Math.Max(0, value) };
        }
    }

    public void Histogram(MapField<string, FilteredMetrics> metrics, string name, LatencyHistogram histogram)
    {
        if (Includes(name))
        {
            metrics[name] = histogram.ToFiltered();
        }
    }
}
