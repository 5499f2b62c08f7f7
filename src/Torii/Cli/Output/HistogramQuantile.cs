using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>
/// A quantile estimated from cumulative buckets as Prometheus' histogram_quantile does: find the bucket the
/// rank falls in and interpolate linearly inside it. A rank beyond the last bound gives that bound, the most
/// the buckets can tell.
/// </summary>
internal static class HistogramQuantile
{
    /// <returns>Microseconds, like the buckets; 0 for an empty histogram.</returns>
    public static double Estimate(FilteredHistogram histogram, double quantile)
    {
        if (histogram.Count == 0)
        {
            return 0;
        }

        double rank = quantile * histogram.Count;
        ulong lowerBound = 0;
        ulong countBelow = 0;
        foreach (Bucket bucket in histogram.Buckets.OrderBy(bucket => bucket.Le))
        {
            if (bucket.Count >= rank && bucket.Count > countBelow)
            {
                double share = (rank - countBelow) / (bucket.Count - countBelow);
                return lowerBound + ((bucket.Le - lowerBound) * share);
            }

            lowerBound = bucket.Le;
            countBelow = bucket.Count;
        }

        return lowerBound;
    }
}
