using Torii.Connectors.Prometheus.Mapping;

namespace Torii.Connectors.Prometheus.Tests.Mapping;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("http.requests", "torii_http_requests")]
    [InlineData("http.status.2xx", "torii_http_status_2xx")]
    [InlineData("backend.connections.error", "torii_backend_connections_error")]
    [InlineData("bytes_in", "torii_bytes_in")]
    [InlineData("tls-handshake.failed", "torii_tls_handshake_failed")]
    [InlineData("a b/c:é", "torii_a_b_c__")]
    [InlineData("HTTP.Requests", "torii_HTTP_Requests")]
    public void Dots_dashes_and_other_characters_become_underscores_after_the_prefix(string dotted, string expected)
    {
        Assert.Equal(expected, PrometheusNames.Of(dotted));
    }

    [Theory]
    [InlineData("http.requests", "torii_http_requests")]
    [InlineData("upgrades.total", "torii_upgrades")]
    [InlineData("total", "torii_total")]
    public void A_counter_family_does_not_end_with_total_as_its_samples_add_it(string dotted, string expected)
    {
        Assert.Equal(expected, PrometheusNames.CounterFamily(dotted));
    }

    [Theory]
    [InlineData("request.time", "torii_request_time_seconds")]
    [InlineData("handshake.seconds", "torii_handshake_seconds")]
    public void A_histogram_family_says_it_is_in_seconds(string dotted, string expected)
    {
        Assert.Equal(expected, PrometheusNames.HistogramFamily(dotted));
    }
}
