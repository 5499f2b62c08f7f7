using Torii.Connectors.Prometheus.Exposition;
using Torii.Connectors.Prometheus.Mapping;
using Torii.Protocol;
using static Torii.Connectors.Prometheus.Tests.Mapping.Metrics;

namespace Torii.Connectors.Prometheus.Tests.Mapping;

public sealed class MetricsMapperTests
{
    private static string Text(AggregatedMetrics metrics, ExpositionFormat format = ExpositionFormat.PrometheusText) =>
        PrometheusTextWriter.Write(MetricsMapper.Map(metrics), format);

    private static AggregatedMetrics ProxyAndOneBackend()
    {
        var metrics = new AggregatedMetrics
        {
            Proxying =
            {
                ["http.requests"] = Count(7),
                ["client.connections"] = Gauge(2),
                ["request.time"] = Histogram(1_500, 3, (50, 0), (1_000, 2), (2_500, 3)),
            },
        };
        var app = new ClusterMetrics { Cluster = { ["http.requests"] = Count(5) } };
        app.Backends.Add(new BackendMetrics { BackendId = "first", Metrics = { ["http.requests"] = Count(5), ["backend.connections"] = Gauge(1) } });
        metrics.Clusters["app"] = app;
        return metrics;
    }

    [Fact]
    public void Proxy_cluster_and_backend_metrics_become_labelled_families_sorted_by_name()
    {
        Assert.Equal(
            """
            # HELP torii_backend_connections Backend connections open now
            # TYPE torii_backend_connections gauge
            torii_backend_connections{cluster_id="app",backend_id="first"} 1
            # HELP torii_client_connections Client connections open now
            # TYPE torii_client_connections gauge
            torii_client_connections 2
            # HELP torii_http_requests_total HTTP requests handled
            # TYPE torii_http_requests_total counter
            torii_http_requests_total 7
            torii_http_requests_total{cluster_id="app"} 5
            torii_http_requests_total{cluster_id="app",backend_id="first"} 5
            # HELP torii_request_time_seconds Time from a request's first byte to the end of its response, in seconds
            # TYPE torii_request_time_seconds histogram
            torii_request_time_seconds_bucket{le="5e-05"} 0
            torii_request_time_seconds_bucket{le="0.001"} 2
            torii_request_time_seconds_bucket{le="0.0025"} 3
            torii_request_time_seconds_bucket{le="+Inf"} 3
            torii_request_time_seconds_sum 0.0015
            torii_request_time_seconds_count 3

            """,
            Text(ProxyAndOneBackend()));
    }

    [Fact]
    public void The_same_metrics_in_OpenMetrics()
    {
        Assert.Equal(
            """
            # TYPE torii_backend_connections gauge
            # HELP torii_backend_connections Backend connections open now
            torii_backend_connections{cluster_id="app",backend_id="first"} 1
            # TYPE torii_client_connections gauge
            # HELP torii_client_connections Client connections open now
            torii_client_connections 2
            # TYPE torii_http_requests counter
            # HELP torii_http_requests HTTP requests handled
            torii_http_requests_total 7
            torii_http_requests_total{cluster_id="app"} 5
            torii_http_requests_total{cluster_id="app",backend_id="first"} 5
            # TYPE torii_request_time_seconds histogram
            # UNIT torii_request_time_seconds seconds
            # HELP torii_request_time_seconds Time from a request's first byte to the end of its response, in seconds
            torii_request_time_seconds_bucket{le="5e-05"} 0
            torii_request_time_seconds_bucket{le="0.001"} 2
            torii_request_time_seconds_bucket{le="0.0025"} 3
            torii_request_time_seconds_bucket{le="+Inf"} 3
            torii_request_time_seconds_sum 0.0015
            torii_request_time_seconds_count 3
            # EOF

            """,
            Text(ProxyAndOneBackend(), ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void An_unknown_name_is_still_exported_with_a_generic_help()
    {
        var metrics = new AggregatedMetrics { Proxying = { ["websocket.upgrades-failed"] = Count(3) } };

        Assert.Equal(
            """
            # HELP torii_websocket_upgrades_failed_total Torii metric websocket.upgrades-failed
            # TYPE torii_websocket_upgrades_failed_total counter
            torii_websocket_upgrades_failed_total 3

            """,
            Text(metrics));
    }

    [Fact]
    public void Clusters_and_backends_come_in_id_order_whatever_order_they_arrive_in()
    {
        var metrics = new AggregatedMetrics();
        var zeta = new ClusterMetrics { Cluster = { ["http.requests"] = Count(1) } };
        var alpha = new ClusterMetrics { Cluster = { ["http.requests"] = Count(2) } };
        alpha.Backends.Add(new BackendMetrics { BackendId = "b2", Metrics = { ["http.requests"] = Count(3) } });
        alpha.Backends.Add(new BackendMetrics { BackendId = "b1", Metrics = { ["http.requests"] = Count(4) } });
        metrics.Clusters["zeta"] = zeta;
        metrics.Clusters["alpha"] = alpha;

        MetricFamily family = Assert.Single(MetricsMapper.Map(metrics));

        Assert.Equal(
            ["alpha", "alpha/b1", "alpha/b2", "zeta"],
            family.Samples.Select(sample => string.Join('/', sample.Labels.Select(label => label.Value))));
    }

    [Fact]
    public void Histogram_buckets_are_sorted_and_converted_from_microseconds_to_seconds()
    {
        var metrics = new AggregatedMetrics
        {
            Proxying = { ["backend.connect.time"] = Histogram(12_000_000, 4, (10_000_000, 4), (100, 1), (1_000_000, 3)) },
        };

        MetricFamily family = Assert.Single(MetricsMapper.Map(metrics));

        Assert.Equal("torii_backend_connect_time_seconds", family.Name);
        Assert.Equal(
            ["_bucket le=0.0001 1", "_bucket le=1.0 3", "_bucket le=10.0 4", "_bucket le=+Inf 4", "_sum  12.0", "_count  4"],
            family.Samples.Select(sample =>
                $"{sample.Name[family.Name.Length..]} {string.Join(',', sample.Labels.Select(label => $"{label.Name}={label.Value}"))} {sample.Value}"));
    }

    [Fact]
    public void A_name_keeps_the_type_it_was_first_seen_with()
    {
        var metrics = new AggregatedMetrics { Proxying = { ["queue"] = Count(1) } };
        metrics.Clusters["app"] = new ClusterMetrics { Cluster = { ["queue"] = Gauge(9) } };

        Assert.Equal(
            """
            # HELP torii_queue_total Torii metric queue
            # TYPE torii_queue_total counter
            torii_queue_total 1

            """,
            Text(metrics));
    }

    [Fact]
    public void Two_names_that_map_to_one_series_give_it_once()
    {
        var metrics = new AggregatedMetrics { Proxying = { ["a.b"] = Count(1), ["a-b"] = Count(2) } };

        MetricFamily family = Assert.Single(MetricsMapper.Map(metrics));

        MetricSample sample = Assert.Single(family.Samples);
        Assert.Equal("2", sample.Value.ToString());
    }

    [Fact]
    public void Percentiles_become_a_summary_and_time_series_are_left_out()
    {
        var metrics = new AggregatedMetrics
        {
            Proxying =
            {
                ["service.time"] = new FilteredMetrics { Percentiles = new Percentiles { Samples = 10, P50 = 4, P99 = 9, P100 = 12, Sum = 50 } },
                ["requests.per.second"] = new FilteredMetrics { TimeSerie = new FilteredTimeSerie { LastSecond = 3 } },
                ["uptime"] = new FilteredMetrics { Time = 120 },
            },
        };

        Assert.Equal(
            """
            # HELP torii_service_time Torii metric service.time
            # TYPE torii_service_time summary
            torii_service_time{quantile="0.5"} 4
            torii_service_time{quantile="0.99"} 9
            torii_service_time{quantile="1.0"} 12
            torii_service_time_sum 50
            torii_service_time_count 10
            # HELP torii_uptime Torii metric uptime
            # TYPE torii_uptime gauge
            torii_uptime 120

            """,
            Text(metrics));
    }

    [Fact]
    public void No_metrics_is_no_family()
    {
        Assert.Empty(MetricsMapper.Map(new AggregatedMetrics()));
    }
}
