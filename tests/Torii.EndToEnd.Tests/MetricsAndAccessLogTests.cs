using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

public sealed class MetricsAndAccessLogTests
{
    [Fact]
    public async Task Metrics_count_every_request_for_the_proxy_the_cluster_and_the_backend()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await proxy.GetAsync("app.test", $"/{i}")).StatusCode);
        }

        Assert.Equal(404, (await proxy.GetAsync("nowhere.test")).StatusCode);
        Assert.Equal(404, (await proxy.GetAsync("nowhere.test")).StatusCode);

        var metrics = (await proxy.Torii.MustAsync(new Request { QueryMetrics = new QueryMetricsOptions() })).Content.Metrics;
        Assert.Equal(12, metrics.Proxying["http.requests"].Count);
        Assert.Equal(10, metrics.Proxying["http.status.2xx"].Count);
        Assert.Equal(2, metrics.Proxying["http.404.errors"].Count);
        Assert.Equal(12UL, metrics.Proxying["request.time"].Histogram.Count);
        Assert.Equal(10UL, metrics.Proxying["backend.response.time"].Histogram.Count);
        Assert.True(metrics.Proxying["bytes_out"].Count > 0);

        var cluster = metrics.Clusters["app"];
        Assert.Equal(10, cluster.Cluster["http.requests"].Count);
        Assert.Equal(10, cluster.Cluster["http.status.2xx"].Count);
        var backend = Assert.Single(cluster.Backends);
        Assert.Equal("first", backend.BackendId);
        Assert.Equal(10, backend.Metrics["http.requests"].Count);
        Assert.Equal(1UL, backend.Metrics["backend.connections"].Gauge);

        var filtered = (await proxy.Torii.MustAsync(new Request
        {
            QueryMetrics = new QueryMetricsOptions { MetricNames = { "http.requests" }, ClusterIds = { "app" } },
        })).Content.Metrics;
        Assert.Equal(["http.requests"], filtered.Proxying.Keys);
        Assert.Equal(["app"], filtered.Clusters.Keys);
    }

    [Fact]
    public async Task Configure_metrics_clears_and_disables_counting()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await proxy.GetAsync("app.test");
        await proxy.Torii.MustAsync(new Request { ConfigureMetrics = MetricsConfiguration.Clear });
        await proxy.Torii.MustAsync(new Request { ConfigureMetrics = MetricsConfiguration.Disabled });
        await proxy.GetAsync("app.test");

        var metrics = (await proxy.Torii.MustAsync(new Request { QueryMetrics = new QueryMetricsOptions() })).Content.Metrics;
        Assert.Equal(0, metrics.Proxying["http.requests"].Count);
        Assert.Equal(0, metrics.Clusters["app"].Cluster["http.requests"].Count);

        await proxy.Torii.MustAsync(new Request { ConfigureMetrics = MetricsConfiguration.Enabled });
        await proxy.GetAsync("app.test");
        metrics = (await proxy.Torii.MustAsync(new Request { QueryMetrics = new QueryMetricsOptions() })).Content.Metrics;
        Assert.Equal(1, metrics.Proxying["http.requests"].Count);
    }

    [Fact]
    public async Task Access_log_writes_one_line_per_request()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("access_logs_target = \"access.log\"");
        await proxy.RouteAppToFirstAsync();
        var routed = await proxy.GetAsync("app.test", "/logged?x=1");
        await proxy.GetAsync("nowhere.test", "/missing");
        var path = Path.Combine(proxy.Torii.Directory, "access.log");

        var lines = await WaitForLinesAsync(path, 2);
        var routedLine = Assert.Single(lines, line => line.Contains("path=/logged?x=1"));
        Assert.Contains($"id={routed.Header("Torii-Id")}", routedLine);
        Assert.Contains(" cluster=app backend=first ", routedLine);
        Assert.Contains(" client=127.0.0.1:", routedLine);
        Assert.Contains(" method=GET host=app.test ", routedLine);
        Assert.Contains(" status=200 ", routedLine);
        var missingLine = Assert.Single(lines, line => line.Contains("path=/missing"));
        Assert.Contains(" cluster=- backend=- ", missingLine);
        Assert.Contains(" status=404 ", missingLine);
    }

    private static async Task<string[]> WaitForLinesAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var lines = File.Exists(path) ? await File.ReadAllLinesAsync(path) : [];
            if (lines.Length >= count)
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the access log has {lines.Length} of {count} lines");
            await Task.Delay(TimeSpan.FromMilliseconds(10)); // poll interval of a condition with a deadline
        }
    }
}
