using Google.Protobuf.Collections;
using Torii.Protocol;
using Torii.Proxy.Metrics;

namespace Torii.Proxy.Tests.Metrics;

public sealed class TrafficMetricsTests
{
    [Fact]
    public void Metrics_without_traffic_read_as_empty_histograms_and_clearing_them_is_harmless()
    {
        var metrics = new TrafficMetrics();
        metrics.Clear();

        var written = Written(metrics);

        Assert.Equal(0ul, written["request.time"].Histogram.Count);
        Assert.Equal(0ul, written["backend.response.time"].Histogram.Count);
        Assert.Equal(0, written["http.requests"].Count);
    }

    [Fact]
    public void A_backend_has_no_metrics_until_the_first_record_and_reads_as_zeros_until_then()
    {
        var backend = new Torii.Proxy.Backends.Backend("app", "b1", new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9001));
        Assert.Null(backend.RecordedMetrics);
        Assert.Equal(0, Written(backend.RecordedMetrics ?? TrafficMetrics.None)["http.requests"].Count);

        backend.Metrics.RecordRequest(200, answeredByProxy: false, bytesIn: 1, bytesOut: 2, totalMicros: 3);

        Assert.Same(backend.Metrics, backend.RecordedMetrics);
        Assert.Equal(1, Written(backend.RecordedMetrics!)["http.requests"].Count);
        Assert.Equal(0, Written(TrafficMetrics.None)["http.requests"].Count);
    }

    [Fact]
    public void Recording_into_one_scope_shows_in_it_only_and_never_in_a_scope_without_traffic()
    {
        var idle = new TrafficMetrics();
        _ = Written(idle);
        var busy = new TrafficMetrics();

        busy.RecordRequest(200, answeredByProxy: false, bytesIn: 10, bytesOut: 20, totalMicros: 300);
        busy.ResponseTime.Record(120);

        Assert.Equal(1ul, Written(busy)["request.time"].Histogram.Count);
        Assert.Equal(120ul, Written(busy)["backend.response.time"].Histogram.Sum);
        Assert.Equal(0ul, Written(idle)["request.time"].Histogram.Count);
        Assert.Equal(0ul, Written(idle)["backend.response.time"].Histogram.Count);
        Assert.Equal(0ul, Written(new TrafficMetrics())["backend.response.time"].Histogram.Count);
    }

    [Fact]
    public void Clear_empties_histograms_that_recorded()
    {
        var metrics = new TrafficMetrics();
        metrics.RecordRequest(404, answeredByProxy: true, bytesIn: 1, bytesOut: 1, totalMicros: 50);

        metrics.Clear();

        Assert.Equal(0ul, Written(metrics)["request.time"].Histogram.Count);
        Assert.Equal(0, Written(metrics)["http.errors"].Count);
    }

    [Fact]
    public void Threads_recording_into_a_new_histogram_at_once_all_land_in_the_same_one()
    {
        var metrics = new TrafficMetrics();

        Parallel.For(0, 1_000, _ => metrics.ResponseTime.Record(10));

        Assert.Equal(1_000ul, Written(metrics)["backend.response.time"].Histogram.Count);
    }

    private static MapField<string, FilteredMetrics> Written(TrafficMetrics metrics)
    {
        var written = new MapField<string, FilteredMetrics>();
        metrics.WriteTo(written, MetricFilter.All);
        return written;
    }
}
