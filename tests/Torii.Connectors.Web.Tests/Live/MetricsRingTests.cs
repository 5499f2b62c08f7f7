using Torii.Connectors.Web.Live;

namespace Torii.Connectors.Web.Tests.Live;

public sealed class MetricsRingTests
{
    [Fact]
    public void Keeps_the_last_samples_oldest_first_once_full()
    {
        var ring = new MetricsRing(capacity: 3);
        Assert.Empty(ring.Snapshot());
        for (long second = 1; second <= 5; second++)
        {
            ring.Add(new MetricsSample(second, 0, 0, null, null, 0));
        }

        Assert.Equal([3L, 4L, 5L], ring.Snapshot().Select(sample => sample.Time));
        Assert.Equal(MetricsRing.FifteenMinutes, new MetricsRing().Capacity);
    }
}
