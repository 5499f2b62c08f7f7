using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Prometheus.Tests.EndToEnd;

/// <summary>
/// The published torii and torii-prometheus as processes, real backends, traffic through the proxy, and
/// Prometheus' own tools reading the result.
/// </summary>
public sealed class PrometheusConnectorTests
{
    private const int AppRequests = 7;
    private const int UnroutedRequests = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<(HttpProxyFixture Proxy, ExporterProcess Exporter)> StartAsync()
    {
        HttpProxyFixture proxy = await HttpProxyFixture.StartAsync();
        try
        {
            await proxy.RouteAppToFirstAsync();
            ExporterProcess exporter = await ExporterProcess.StartAsync(proxy.Torii.Directory, "--proxy-socket", proxy.Torii.SocketPath);
            return (proxy, exporter);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    private static async Task SendTrafficAsync(HttpProxyFixture proxy)
    {
        for (int i = 0; i < AppRequests; i++)
        {
            Assert.Equal(200, (await proxy.GetAsync("app.test")).StatusCode);
        }

        for (int i = 0; i < UnroutedRequests; i++)
        {
            Assert.Equal(404, (await proxy.GetAsync("nowhere.test")).StatusCode);
        }
    }

    // The proxy counts a request once its response is written, which may be just after the client read it.
    private static async Task<ExpositionSamples> ScrapeOnceCountedAsync(ExporterProcess exporter, double expectedRequests)
    {
        ExpositionSamples? samples = null;
        await Eventually.HoldsAsync(async () =>
        {
            samples = await exporter.ScrapeAsync();
            double? counted = samples["torii_http_requests_total"];
            return counted == expectedRequests ? null : $"torii_http_requests_total is {counted}, not {expectedRequests}";
        }, Patience);
        return samples!;
    }

    [Fact]
    public async Task The_counters_match_the_requests_sent_through_the_proxy()
    {
        var (proxy, exporter) = await StartAsync();
        await using (proxy)
        await using (exporter)
        {
            await SendTrafficAsync(proxy);

            ExpositionSamples samples = await ScrapeOnceCountedAsync(exporter, AppRequests + UnroutedRequests);

            Assert.Equal(AppRequests + UnroutedRequests, samples["torii_http_requests_total"]);
            Assert.Equal(AppRequests, samples["torii_http_requests_total{cluster_id=\"app\"}"]);
            Assert.Equal(AppRequests, samples["torii_http_requests_total{cluster_id=\"app\",backend_id=\"first\"}"]);
            Assert.Equal(AppRequests, samples["torii_http_status_2xx_total"]);
            Assert.Equal(UnroutedRequests, samples["torii_http_status_4xx_total"]);
            Assert.Equal(UnroutedRequests, samples["torii_http_404_errors_total"]);
            Assert.Equal(AppRequests, samples["torii_http_status_2xx_total{cluster_id=\"app\"}"]);
            Assert.Equal(0, samples["torii_http_status_5xx_total{cluster_id=\"app\"}"]);
            Assert.Equal(AppRequests + UnroutedRequests, samples["torii_request_time_seconds_count"]);
            Assert.Equal(AppRequests + UnroutedRequests, samples["torii_request_time_seconds_bucket{le=\"+Inf\"}"]);
            Assert.Equal(AppRequests, samples["torii_backend_response_time_seconds_count{cluster_id=\"app\",backend_id=\"first\"}"]);
            Assert.Equal(AppRequests, proxy.First.RequestCount);
        }
    }

    [Fact]
    public async Task Promtool_accepts_the_output_and_OpenMetrics_is_served_when_asked()
    {
        var (proxy, exporter) = await StartAsync();
        await using (proxy)
        await using (exporter)
        {
            await SendTrafficAsync(proxy);
            ExpositionSamples samples = await ScrapeOnceCountedAsync(exporter, AppRequests + UnroutedRequests);

            var (exitCode, output) = await Promtool.CheckMetricsAsync(samples.Text);
            var (status, contentType, openMetrics) = await exporter.GetAsync("/metrics", "application/openmetrics-text; version=1.0.0");

            Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- exposition ---\n{samples.Text}");
            Assert.Equal(200, status);
            Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", contentType);
            Assert.Contains("# TYPE torii_http_requests counter\n", openMetrics, StringComparison.Ordinal);
            Assert.Contains($"torii_http_requests_total{{cluster_id=\"app\"}} {AppRequests}\n", openMetrics, StringComparison.Ordinal);
            Assert.EndsWith("\n# EOF\n", openMetrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_prometheus_server_scraping_the_connector_reports_the_proxy_request_count()
    {
        await using HttpProxyFixture proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();

        // Settings from the connector's TOML file this time, the socket found through the proxy's config.toml.
        int exporterPort = FreePort.Next();
        string settings = Path.Combine(proxy.Torii.Directory, "prometheus.toml");
        await File.WriteAllTextAsync(settings, $"""
            listen_address = "127.0.0.1:{exporterPort}"
            proxy_config = "config.toml"
            """);
        await using ExporterProcess exporter = await ExporterProcess.StartOnAsync(exporterPort, proxy.Torii.Directory, "--config", settings);
        await using PrometheusServer prometheus = await PrometheusServer.StartAsync(exporterPort);

        await SendTrafficAsync(proxy);

        string expectedTotal = (AppRequests + UnroutedRequests).ToString(CultureInfo.InvariantCulture);
        string expectedApp = AppRequests.ToString(CultureInfo.InvariantCulture);
        await Eventually.HoldsAsync(async () =>
        {
            var series = await prometheus.QueryAsync("torii_http_requests_total");
            string? proxyWide = series.FirstOrDefault(s => !s.Labels.ContainsKey("cluster_id")).Value;
            string? app = series.FirstOrDefault(s => s.Labels.GetValueOrDefault("cluster_id") == "app" && !s.Labels.ContainsKey("backend_id")).Value;
            return proxyWide == expectedTotal && app == expectedApp
                ? null
                : $"Prometheus has torii_http_requests_total = {proxyWide ?? "nothing"} (want {expectedTotal}) and {{cluster_id=\"app\"}} = {app ?? "nothing"} (want {expectedApp})\n--- prometheus ---\n{prometheus.Output}";
        }, Patience);

        var up = await prometheus.QueryAsync("up{job=\"torii\"}");
        Assert.Equal("1", Assert.Single(up).Value);
    }

    [Fact]
    public async Task A_stopped_proxy_makes_metrics_and_healthz_answer_503_with_a_one_line_reason()
    {
        var (proxy, exporter) = await StartAsync();
        await using (proxy)
        await using (exporter)
        {
            await exporter.ScrapeAsync();

            await proxy.Torii.KillAsync();
            var (status, contentType, body) = await exporter.GetAsync("/metrics");
            var (healthStatus, _, healthBody) = await exporter.GetAsync("/healthz");

            Assert.Equal(503, status);
            Assert.Equal("text/plain; charset=utf-8", contentType);
            Assert.StartsWith($"cannot connect to the proxy's command socket {proxy.Torii.SocketPath}: ", body, StringComparison.Ordinal);
            Assert.EndsWith("\n", body, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', body.TrimEnd('\n'));
            Assert.Equal(503, healthStatus);
            Assert.Equal(body, healthBody);
            // The connector logs asynchronously: the line may reach its stdout after the 503 reached us.
            await Eventually.HoldsAsync(
                () => Task.FromResult(exporter.Output.Contains("cannot get the proxy's metrics, /metrics answers 503 until it can", StringComparison.Ordinal)
                    ? null
                    : $"the outage is not logged yet:\n{exporter.Output}"),
                Patience);
        }
    }

    [Fact]
    public async Task Healthz_is_ok_while_the_proxy_answers_and_only_the_configured_address_listens()
    {
        var (proxy, exporter) = await StartAsync();
        await using (proxy)
        await using (exporter)
        {
            var (status, _, body) = await exporter.GetAsync("/healthz");

            Assert.Equal(200, status);
            Assert.Equal("ok\n", body);
            using var elsewhere = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(async () =>
                await elsewhere.ConnectAsync(new IPEndPoint(IPAddress.Parse("127.0.0.2"), exporter.Port)));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    [Fact]
    public async Task Sigterm_stops_it_with_exit_code_0()
    {
        var (proxy, exporter) = await StartAsync();
        await using (proxy)
        await using (exporter)
        {
            int exitCode = await exporter.TerminateAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, exitCode);
        }
    }

    [Fact]
    public async Task Bad_settings_stop_it_at_start_with_the_reason()
    {
        using var directory = new TemporaryDirectory();
        var start = new System.Diagnostics.ProcessStartInfo(PublishedExporter.Path, ["--listen-address", "localhost:9300"])
        {
            WorkingDirectory = directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal(
            "error: --listen-address: listen_address must be an IP address and a port such as 127.0.0.1:9300, not \"localhost:9300\"\n",
            await error);
    }
}
