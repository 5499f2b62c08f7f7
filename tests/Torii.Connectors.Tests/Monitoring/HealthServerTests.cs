using System.Net;
using Torii.Connectors.Monitoring;

namespace Torii.Connectors.Tests.Monitoring;

public sealed class HealthServerTests
{
    [Fact]
    public async Task Healthz_is_503_with_one_line_saying_what_is_down_then_200_with_the_counters()
    {
        var health = new ConnectorHealth();
        var counters = new ConnectorCounters();
        await using HealthServer server = await HealthServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), health, counters, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Address}") };
        Assert.NotEqual(0, server.Address.Port);

        using HttpResponseMessage starting = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
        Assert.Equal("broker: not connected to the broker yet; proxy: not connected to the proxy yet\n", await starting.Content.ReadAsStringAsync());

        health.BrokerUp();
        using HttpResponseMessage proxyDown = await http.GetAsync("/healthz");
        Assert.Equal("proxy: not connected to the proxy yet\n", await proxyDown.Content.ReadAsStringAsync());

        health.ProxyUp();
        counters.CountReceived();
        counters.CountReceived();
        counters.CountApplied();
        counters.CountFailed();
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
        var health = new ConnectorHealth();
        var counters = new ConnectorCounters();
        counters.CountRetried();
        await using HealthServer server = await HealthServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), health, counters, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Address}") };

        string json = await http.GetStringAsync("/counters");

        Assert.Equal(new CounterSnapshot(0, 0, 0, 0, 1), CountersJson.Parse(json));
        Assert.Contains("\"status\":\"unavailable\"", json);
    }

    [Fact]
    public void A_reason_spanning_lines_is_reported_on_one()
    {
        var health = new ConnectorHealth();
        health.BrokerUp();
        health.ProxyDown("cannot connect\nto the socket");

        Assert.Equal(new HealthReport(false, "proxy: cannot connect to the socket"), health.Report());
    }
}
