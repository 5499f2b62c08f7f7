using System.Net.Sockets;
using Torii.Cli.Tests.Running;
using Torii.Connectors.Prometheus.Scraping;
using Torii.Protocol;

namespace Torii.Connectors.Prometheus.Tests.Scraping;

public sealed class ProxyMetricsSourceTests : IDisposable
{
    // Long enough that a failure reported at once cannot be the client giving up at its deadline.
    private static readonly TimeSpan PatientTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TestDeadline = TimeSpan.FromSeconds(10);

    private readonly TemporaryDirectory _directory = new();

    private string SocketPath => _directory.File("proxy.sock");

    [Fact]
    public async Task One_unfiltered_query_brings_the_proxy_metrics()
    {
        var metrics = new AggregatedMetrics { Proxying = { ["http.requests"] = new FilteredMetrics { Count = 3 } } };
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("", new ResponseContent { Metrics = metrics })]);
        await using var source = new ProxyMetricsSource(SocketPath, PatientTimeout);

        ScrapeResult result = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.Null(result.Failure);
        Assert.Equal(metrics, result.Metrics);
        Assert.Equal(new Request { QueryMetrics = new QueryMetricsOptions() }, Assert.Single(proxy.Received));
    }

    [Fact]
    public async Task An_answer_without_content_is_no_metrics()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("")]);
        await using var source = new ProxyMetricsSource(SocketPath, PatientTimeout);

        ScrapeResult result = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.Equal(new AggregatedMetrics(), result.Metrics);
    }

    [Fact]
    public async Task A_refusal_is_reported_with_the_proxy_reason()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Failure("unsupported request: query_metrics")]);
        await using var source = new ProxyMetricsSource(SocketPath, PatientTimeout);

        ScrapeResult result = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.Null(result.Metrics);
        Assert.Equal("the proxy refused query_metrics: unsupported request: query_metrics", result.Failure);
    }

    [Fact]
    public async Task A_missing_socket_is_reported_at_once()
    {
        await using var source = new ProxyMetricsSource(SocketPath, PatientTimeout);

        ScrapeResult result = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.Equal($"cannot connect to the proxy's command socket {SocketPath}: the socket file does not exist", result.Failure);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_reported_at_once()
    {
        // What a crashed proxy leaves behind: the socket file, and nothing accepting on it. A socket bound and not
        // listening gives that; .NET would remove the file if it were closed.
        using var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        stale.Bind(new UnixDomainSocketEndPoint(SocketPath));
        await using var source = new ProxyMetricsSource(SocketPath, PatientTimeout);

        ScrapeResult result = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.Equal($"cannot connect to the proxy's command socket {SocketPath}: Connection refused", result.Failure);
    }

    [Fact]
    public async Task A_proxy_that_does_not_answer_in_time_is_reported()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => []);
        await using var source = new ProxyMetricsSource(SocketPath, TimeSpan.FromMilliseconds(200));

        ScrapeResult result = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.Equal($"the proxy at {SocketPath} did not answer query_metrics within 200 ms", result.Failure);
    }

    [Fact]
    public async Task The_health_check_asks_for_the_status()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("")]);
        await using var source = new ProxyMetricsSource(SocketPath, PatientTimeout);

        string? failure = await source.CheckAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.Null(failure);
        Assert.Equal(Request.RequestTypeOneofCase.Status, Assert.Single(proxy.Received).RequestTypeCase);
    }

    [Fact]
    public async Task A_scrape_works_again_once_the_proxy_is_back()
    {
        await using var source = new ProxyMetricsSource(SocketPath, PatientTimeout);
        ScrapeResult down = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("", new ResponseContent { Metrics = new AggregatedMetrics() })]);

        ScrapeResult up = await source.ScrapeAsync(CancellationToken.None).WaitAsync(TestDeadline);

        Assert.NotNull(down.Failure);
        Assert.Null(up.Failure);
    }

    public void Dispose() => _directory.Dispose();
}
