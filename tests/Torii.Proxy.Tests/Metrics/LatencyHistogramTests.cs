using Torii.Proxy.Metrics;

namespace Torii.Proxy.Tests.Metrics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Buckets_are_cumulative_with_inclusive_upper_bounds_and_count_and_sum_cover_every_value()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(50);
        histogram.Record(51);
        histogram.Record(1_000);
        histogram.Record(20_000_000);

        var filtered = histogram.ToFiltered().Histogram;

        Assert.Equal(1ul, filtered.Buckets.Single(bucket => bucket.Le == 50).Count);
        Assert.Equal(2ul, filtered.Buckets.Single(bucket => bucket.Le == 100).Count);
        Assert.Equal(3ul, filtered.Buckets.Single(bucket => bucket.Le == 1_000).Count);
        Assert.Equal(3ul, filtered.Buckets.Single(bucket => bucket.Le == 10_000_000).Count);
        Assert.Equal(4ul, filtered.Count);
        Assert.Equal(20_001_101ul, filtered.Sum);
    }

    [Fact]
    public void Clear_empties_buckets_count_and_sum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(300);

        histogram.Clear();

        var filtered = histogram.ToFiltered().Histogram;
        Assert.Equal(0ul, filtered.Count);
        Assert.Equal(0ul, filtered.Sum);
        Assert.All(filtered.Buckets, bucket => Assert.Equal(0ul, bucket.Count));
    }
}
