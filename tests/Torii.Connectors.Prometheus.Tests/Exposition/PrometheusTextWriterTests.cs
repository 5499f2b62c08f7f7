using Torii.Connectors.Prometheus.Exposition;

namespace Torii.Connectors.Prometheus.Tests.Exposition;

public sealed class PrometheusTextWriterTests
{
    private static readonly MetricLabel[] NoLabels = [];

    private static readonly MetricFamily Requests = new("torii_http_requests", MetricType.Counter, "HTTP requests handled", null,
    [
        new("torii_http_requests_total", NoLabels, SampleValue.Of(7L)),
        new("torii_http_requests_total", [new("cluster_id", "app")], SampleValue.Of(5L)),
        new("torii_http_requests_total", [new("cluster_id", "app"), new("backend_id", "first")], SampleValue.Of(5L)),
    ]);

    private static readonly MetricFamily Connections = new("torii_client_connections", MetricType.Gauge, "Client connections open now", null,
    [
        new("torii_client_connections", NoLabels, SampleValue.Of(2UL)),
    ]);

    private static readonly MetricFamily RequestTime = new("torii_request_time_seconds", MetricType.Histogram, "Request time, in seconds", "seconds",
    [
        new("torii_request_time_seconds_bucket", [new("le", "0.001")], SampleValue.Of(2UL)),
        new("torii_request_time_seconds_bucket", [new("le", "+Inf")], SampleValue.Of(3UL)),
        new("torii_request_time_seconds_sum", NoLabels, SampleValue.Of(0.0015)),
        new("torii_request_time_seconds_count", NoLabels, SampleValue.Of(3UL)),
    ]);

    [Fact]
    public void A_counter_is_named_with_total_in_help_and_type()
    {
        string text = PrometheusTextWriter.Write([Requests], ExpositionFormat.PrometheusText);

        Assert.Equal(
            """
            # HELP torii_http_requests_total HTTP requests handled
            # TYPE torii_http_requests_total counter
            torii_http_requests_total 7
            torii_http_requests_total{cluster_id="app"} 5
            torii_http_requests_total{cluster_id="app",backend_id="first"} 5

            """,
            text);
    }

    [Fact]
    public void A_gauge_keeps_its_name()
    {
        string text = PrometheusTextWriter.Write([Connections], ExpositionFormat.PrometheusText);

        Assert.Equal(
            """
            # HELP torii_client_connections Client connections open now
            # TYPE torii_client_connections gauge
            torii_client_connections 2

            """,
            text);
    }

    [Fact]
    public void A_histogram_writes_its_samples_as_given_and_no_unit_line()
    {
        string text = PrometheusTextWriter.Write([RequestTime], ExpositionFormat.PrometheusText);

        Assert.Equal(
            """
            # HELP torii_request_time_seconds Request time, in seconds
            # TYPE torii_request_time_seconds histogram
            torii_request_time_seconds_bucket{le="0.001"} 2
            torii_request_time_seconds_bucket{le="+Inf"} 3
            torii_request_time_seconds_sum 0.0015
            torii_request_time_seconds_count 3

            """,
            text);
    }

    [Fact]
    public void Families_follow_each_other_in_the_order_given()
    {
        string text = PrometheusTextWriter.Write([Connections, Requests], ExpositionFormat.PrometheusText);

        Assert.Equal(
            """
            # HELP torii_client_connections Client connections open now
            # TYPE torii_client_connections gauge
            torii_client_connections 2
            # HELP torii_http_requests_total HTTP requests handled
            # TYPE torii_http_requests_total counter
            torii_http_requests_total 7
            torii_http_requests_total{cluster_id="app"} 5
            torii_http_requests_total{cluster_id="app",backend_id="first"} 5

            """,
            text);
    }

    [Fact]
    public void OpenMetrics_names_a_counter_family_without_total_writes_type_unit_help_and_ends_with_eof()
    {
        string text = PrometheusTextWriter.Write([Requests, RequestTime], ExpositionFormat.OpenMetrics);

        Assert.Equal(
            """
            # TYPE torii_http_requests counter
            # HELP torii_http_requests HTTP requests handled
            torii_http_requests_total 7
            torii_http_requests_total{cluster_id="app"} 5
            torii_http_requests_total{cluster_id="app",backend_id="first"} 5
            # TYPE torii_request_time_seconds histogram
            # UNIT torii_request_time_seconds seconds
            # HELP torii_request_time_seconds Request time, in seconds
            torii_request_time_seconds_bucket{le="0.001"} 2
            torii_request_time_seconds_bucket{le="+Inf"} 3
            torii_request_time_seconds_sum 0.0015
            torii_request_time_seconds_count 3
            # EOF

            """,
            text);
    }

    [Fact]
    public void Nothing_to_write_is_empty_text_or_a_lone_eof()
    {
        Assert.Equal("", PrometheusTextWriter.Write([], ExpositionFormat.PrometheusText));
        Assert.Equal("# EOF\n", PrometheusTextWriter.Write([], ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void Help_escapes_backslash_and_newline_but_not_quotes_in_the_text_format()
    {
        var family = new MetricFamily("torii_x", MetricType.Gauge, "a \\ b\nc \"d\"", null, [new("torii_x", NoLabels, SampleValue.Of(1L))]);

        string text = PrometheusTextWriter.Write([family], ExpositionFormat.PrometheusText);

        Assert.Equal(
            """
            # HELP torii_x a \\ b\nc "d"
            # TYPE torii_x gauge
            torii_x 1

            """,
            text);
    }

    [Fact]
    public void Help_escapes_quotes_too_in_OpenMetrics()
    {
        var family = new MetricFamily("torii_x", MetricType.Gauge, "a \\ b\nc \"d\"", null, [new("torii_x", NoLabels, SampleValue.Of(1L))]);

        string text = PrometheusTextWriter.Write([family], ExpositionFormat.OpenMetrics);

        Assert.Equal(
            """
            # TYPE torii_x gauge
            # HELP torii_x a \\ b\nc \"d\"
            torii_x 1
            # EOF

            """,
            text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Label_values_escape_backslash_quote_and_newline(bool openMetrics)
    {
        ExpositionFormat format = openMetrics ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
        var family = new MetricFamily("torii_x", MetricType.Gauge, "x", null,
            [new("torii_x", [new("cluster_id", "a\\b\"c\nd"), new("backend_id", "plain")], SampleValue.Of(1L))]);

        string text = PrometheusTextWriter.Write([family], format);

        Assert.Contains("torii_x{cluster_id=\"a\\\\b\\\"c\\nd\",backend_id=\"plain\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_values_are_written_exactly_even_beyond_a_double()
    {
        var family = new MetricFamily("torii_x", MetricType.Gauge, "x", null,
        [
            new("torii_x", [new("v", "long")], SampleValue.Of(long.MaxValue)),
            new("torii_x", [new("v", "ulong")], SampleValue.Of(ulong.MaxValue)),
            new("torii_x", [new("v", "zero")], SampleValue.Of(0L)),
        ]);

        string text = PrometheusTextWriter.Write([family], ExpositionFormat.PrometheusText);

        Assert.Contains("torii_x{v=\"long\"} 9223372036854775807\n", text, StringComparison.Ordinal);
        Assert.Contains("torii_x{v=\"ulong\"} 18446744073709551615\n", text, StringComparison.Ordinal);
        Assert.Contains("torii_x{v=\"zero\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_that_is_not_the_name_suffix_is_left_out()
    {
        var family = new MetricFamily("torii_x", MetricType.Gauge, "x", "seconds", [new("torii_x", NoLabels, SampleValue.Of(1L))]);

        string text = PrometheusTextWriter.Write([family], ExpositionFormat.OpenMetrics);

        Assert.DoesNotContain("# UNIT", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_is_typed_as_such()
    {
        var family = new MetricFamily("torii_x", MetricType.Summary, "x", null,
        [
            new("torii_x", [new("quantile", "0.5")], SampleValue.Of(3UL)),
            new("torii_x_sum", NoLabels, SampleValue.Of(9UL)),
            new("torii_x_count", NoLabels, SampleValue.Of(2UL)),
        ]);

        string text = PrometheusTextWriter.Write([family], ExpositionFormat.PrometheusText);

        Assert.Equal(
            """
            # HELP torii_x x
            # TYPE torii_x summary
            torii_x{quantile="0.5"} 3
            torii_x_sum 9
            torii_x_count 2

            """,
            text);
    }

    [Fact]
    public void Content_types_name_the_format_version()
    {
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", PrometheusTextWriter.ContentType(ExpositionFormat.PrometheusText));
        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", PrometheusTextWriter.ContentType(ExpositionFormat.OpenMetrics));
    }
}
