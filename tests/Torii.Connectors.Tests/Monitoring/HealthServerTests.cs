using System.Net;
using Torii.Connectors.Monitoring;

namespace Torii.Connectors.Tests.Monitoring;

public sealed class HealthServerTests
{
    private readonly ConnectorMetrics _metrics = new("torii-test");
    private readonly ConnectorHealth _health;
    private readonly ConnectorCounters _counters;

    public HealthServerTests()
    {
        _health = new ConnectorHealth(_metrics);
        _counters = new ConnectorCounters(_metrics);
    }

    [Fact]
    public async Task Healthz_is_503_with_one_line_saying_what_is_down_then_200_with_the_counters()
    {
        await using HealthServer server = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Address}") };
        Assert.NotEqual(0, server.Address.Port);

        using HttpResponseMessage starting = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
        Assert.Equal("broker: not connected to the broker yet; proxy: not connected to the proxy yet\n", await starting.Content.ReadAsStringAsync());

        _health.BrokerUp();
        using HttpResponseMessage proxyDown = await http.GetAsync("/healthz");
        Assert.Equal("proxy: not connected to the proxy yet\n", await proxyDown.Content.ReadAsStringAsync());

        _health.ProxyUp();
        _counters.CountReceived();
        _counters.CountReceived();
        _counters.CountApplied();
        _counters.CountFailed();
        using HttpResponseMessage healthy = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("application/json", healthy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"status":"ok","received":2,"applied":1,"failed":1,"dead_lettered":0,"retried":0}""",
            await healthy.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Counters_are_served_whatever_the_health()
    {
        _counters.CountRetried();
        await using HealthServer server = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Address}") };

        string json = await http.GetStringAsync("/counters");

        Assert.Equal(new CounterSnapshot(0, 0, 0, 0, 1), CountersJson.Parse(json));
        Assert.Contains("\"status\":\"unavailable\"", json);
    }

    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_text_format_with_the_numbers_of_counters()
    {
        _health.BrokerUp();
        _counters.CountReceived();
        _counters.CountReceived();
        _counters.CountApplied();
        await using HealthServer server = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Address}") };

        using HttpResponseMessage response = await http.GetAsync("/metrics");
        string text = await response.Content.ReadAsStringAsync();
        string json = await http.GetStringAsync("/counters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("torii_connector_messages_received_total{connector=\"torii-test\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("torii_connector_messages_applied_total{connector=\"torii-test\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("torii_connector_broker_up{connector=\"torii-test\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("torii_connector_proxy_up{connector=\"torii-test\"} 0\n", text, StringComparison.Ordinal);
        Assert.Equal(new CounterSnapshot(2, 1, 0, 0, 0), CountersJson.Parse(json));
    }

    [Fact]
    public void A_reason_spanning_lines_is_reported_on_one()
    {
        _health.BrokerUp();
        _health.ProxyDown("cannot connect\nto the socket");

        Assert.Equal(new HealthReport(false, "proxy: cannot connect to the socket"), _health.Report());
    }

    private Task<HealthServer> StartAsync() =>
        HealthServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), new BusConnectorStatus(_health, _counters), _metrics, CancellationToken.None);
}
