using Torii.Protocol;

namespace Torii.Proxy.Metrics;

/// <summary>Durations in microseconds, in fixed buckets; recording is two striped adds, no lock.</summary>
public sealed class LatencyHistogram
{
    private static readonly long[] UpperBoundsMicros =
        [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000];

    private const int Overflow = 17;
    private const int SumMicros = 18;

    // A bucket per upper bound, one for larger values, and the sum.
    // Not readonly: the counters are a struct whose cells are made by the first add.
    private StripedCounters _counters = new(UpperBoundsMicros.Length + 2);

    /// <summary>Nothing recorded, for reading a histogram not yet created; never recorded into.</summary>
    public static LatencyHistogram Empty { get; } = new();

    /// <summary>The histogram in <paramref name="slot"/>, created if it is null; two threads racing here keep one.</summary>
    public static LatencyHistogram Create(ref LatencyHistogram? slot)
    {
        var created = new LatencyHistogram();
        return Interlocked.CompareExchange(ref slot, created, null) ?? created;
    }

    public void Record(long micros)
    {
        var bucket = 0;
        while (bucket < UpperBoundsMicros.Length && micros > UpperBoundsMicros[bucket])
        {
            bucket++;
        }

        _counters.Increment(bucket);
        _counters.Add(SumMicros, micros);
    }

    public void Clear() => _counters.Clear();

    /// <summary>Cumulative bucket counts, as Prometheus reads them; the last bucket (+Inf) is the count.</summary>
    public FilteredMetrics ToFiltered()
    {
        var histogram = new FilteredHistogram { Sum = (ulong)_counters.Sum(SumMicros) };
        ulong cumulative = 0;
        for (var i = 0; i < UpperBoundsMicros.Length; i++)
        {
            cumulative += (ulong)_counters.Sum(i);
            histogram.Buckets.Add(new Bucket { Le = (ulong)UpperBoundsMicros[i], Count = cumulative });
        }

        histogram.Count = cumulative + (ulong)_counters.Sum(Overflow);
        return new FilteredMetrics { Histogram = histogram };
    }
}
