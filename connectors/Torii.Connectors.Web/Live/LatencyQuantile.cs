using Torii.Protocol;

namespace Torii.Connectors.Web.Live;

/// <summary>
/// A quantile of the requests that ended between two readings of a cumulative histogram (bounds in
/// microseconds), as the upper bound of the bucket it falls in: the proxy's histogram is all there is to go on.
/// </summary>
internal static class LatencyQuantile
{
    public static double? Milliseconds(FilteredHistogram? before, FilteredHistogram? after, double quantile)
    {
        if (after is null)
        {
            return null;
        }

        ulong total = after.Count - (before?.Count ?? 0);
        if (total == 0 || (before is not null && before.Count > after.Count))
        {
            return null;
        }

        double target = Math.Max(1, Math.Ceiling(quantile * total));
        for (int i = 0; i < after.Buckets.Count; i++)
        {
            ulong earlier = before is not null && i < before.Buckets.Count ? before.Buckets[i].Count : 0;
            if (after.Buckets[i].Count - earlier >= target)
            {
                return after.Buckets[i].Le / 1000.0;
            }
        }

        // Beyond the last bound: the largest bound is the best lower estimate there is.
        return after.Buckets.Count > 0 ? after.Buckets[^1].Le / 1000.0 : null;
    }
}
