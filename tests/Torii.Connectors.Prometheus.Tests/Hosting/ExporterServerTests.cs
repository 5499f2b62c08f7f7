using System.Net;
using System.Net.Http.Headers;
using Torii.Cli.Tests.Running;
using Torii.Connectors.Prometheus.Hosting;
using Torii.Connectors.Prometheus.Settings;
using Torii.Protocol;

namespace Torii.Connectors.Prometheus.Tests.Hosting;

/// <summary>The HTTP side in this process, in front of a fake command socket.</summary>
public sealed class ExporterServerTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ExporterServer? _server;

    private string SocketPath => _directory.File("proxy.sock");

    private Uri Url(string path) => new($"http://{_server!.Address}{path}");

    public async Task InitializeAsync()
    {
        var settings = new ExporterSettings
        {
            ListenAddress = new IPEndPoint(IPAddress.Loopback, 0),
            ProxySocket = SocketPath,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _server = await ExporterServer.StartAsync(settings, CancellationToken.None);
    }

    private static FakeProxy AnsweringMetrics(string socketPath, AggregatedMetrics metrics) =>
        new(socketPath, request => request.RequestTypeCase == Request.RequestTypeOneofCase.QueryMetrics
            ? [Responses.Ok("", new ResponseContent { Metrics = metrics })]
            : [Responses.Ok("")]);

    private static AggregatedMetrics SevenRequests() =>
        new() { Proxying = { ["http.requests"] = new FilteredMetrics { Count = 7 } } };

    [Fact]
    public async Task Metrics_are_the_text_format_by_default()
    {
        await using var proxy = AnsweringMetrics(SocketPath, SevenRequests());

        using HttpResponseMessage response = await _http.GetAsync(Url("/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(
            """
            # HELP torii_http_requests_total HTTP requests handled
            # TYPE torii_http_requests_total counter
            torii_http_requests_total 7

            """,
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_OpenMetrics_when_the_scraper_asks()
    {
        await using var proxy = AnsweringMetrics(SocketPath, SevenRequests());
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/metrics"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/plain; version=0.0.4; q=0.5"));

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(
            """
            # TYPE torii_http_requests counter
            # HELP torii_http_requests HTTP requests handled
            torii_http_requests_total 7
            # EOF

            """,
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_503_with_one_line_when_the_proxy_is_down()
    {
        using HttpResponseMessage response = await _http.GetAsync(Url("/metrics"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(
            $"cannot connect to the proxy's command socket {SocketPath}: the socket file does not exist\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_503_when_the_proxy_refuses_the_query()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Failure("metrics are\ndisabled")]);

        using HttpResponseMessage response = await _http.GetAsync(Url("/metrics"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("the proxy refused query_metrics: metrics are disabled\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_is_ok_while_the_proxy_answers_and_503_once_it_is_gone()
    {
        FakeProxy running = AnsweringMetrics(SocketPath, new AggregatedMetrics());
        using HttpResponseMessage healthy = await _http.GetAsync(Url("/healthz"));
        string healthyBody = await healthy.Content.ReadAsStringAsync();
        await running.DisposeAsync();

        // The fake leaves its socket file behind; a proxy that stopped cleanly removes it.
        File.Delete(SocketPath);

        using HttpResponseMessage unhealthy = await _http.GetAsync(Url("/healthz"));

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("ok\n", healthyBody);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal(
            $"cannot connect to the proxy's command socket {SocketPath}: the socket file does not exist\n",
            await unhealthy.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Other_paths_are_not_found()
    {
        using HttpResponseMessage response = await _http.GetAsync(Url("/metrics/extra"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _http.Dispose();
        _directory.Dispose();
    }
}
