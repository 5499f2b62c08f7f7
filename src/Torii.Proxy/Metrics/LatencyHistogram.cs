using Torii.Protocol;

namespace Torii.Proxy.Metrics;

/// <summary>Durations in microseconds, in fixed buckets; recording is a few atomic adds, no lock.</summary>
public sealed class LatencyHistogram
{
    private static readonly long[] UpperBoundsMicros =
        [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000];

    private readonly long[] _counts = new long[UpperBoundsMicros.Length + 1];
    private long _sumMicros;

    public void Record(long micros)
    {
        var bucket = 0;
        while (bucket < UpperBoundsMicros.Length && micros > UpperBoundsMicros[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumMicros, micros);
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Interlocked.Exchange(ref _sumMicros, 0);
    }

    /// <summary>Cumulative bucket counts, as Prometheus reads them; the last bucket (+Inf) is the count.</summary>
    public FilteredMetrics ToFiltered()
    {
        var histogram = new FilteredHistogram { Sum = (ulong)Volatile.Read(ref _sumMicros) };
        ulong cumulative = 0;
        for (var i = 0; i < UpperBoundsMicros.Length; i++)
        {
            cumulative += (ulong)Volatile.Read(ref _counts[i]);
            histogram.Buckets.Add(new Bucket { Le = (ulong)UpperBoundsMicros[i], Count = cumulative });
        }

        histogram.Count = cumulative + (ulong)Volatile.Read(ref _counts[^1]);
        return new FilteredMetrics { Histogram = histogram };
    }
}
