using Torii.Protocol;
using static Torii.Cli.Tests.Output.PrintedResponse;

namespace Torii.Cli.Tests.Running;

public sealed class MetricsRunTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string SocketPath => _directory.File("proxy.sock");

    private static ResponseContent TwoRequests() => new()
    {
        Metrics = new AggregatedMetrics { Proxying = { ["http.requests"] = new FilteredMetrics { Count = 2 } } },
    };

    [Fact]
    public async Task Metrics_get_sends_the_filters_and_prints_the_table()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("", TwoRequests())]);

        CliRun run = await CliRun.RunAsync($"metrics get --cluster api --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Lines("SCOPE  NAME           VALUE", "proxy  http.requests  2"), run.Output);
        Assert.Equal(new QueryMetricsOptions { ClusterIds = { "api" } }, Assert.Single(proxy.Received).QueryMetrics);
    }

    [Fact]
    public async Task Metrics_get_json_prints_the_answer_as_json()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("", TwoRequests())]);

        CliRun run = await CliRun.RunAsync($"metrics get --json --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(TwoRequests(), ProtocolJson.ParseResponse(run.Output.TrimEnd()).Content);
    }

    [Fact]
    public async Task A_cluster_id_the_proxy_would_refuse_is_refused_before_sending()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("", TwoRequests())]);

        CliRun run = await CliRun.RunAsync($"metrics get --cluster \"a b\" --socket {SocketPath}");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: invalid request: query_metrics.cluster_ids", run.Error, StringComparison.Ordinal);
        Assert.Empty(proxy.Received);
    }

    // ENABLED is the enum's zero: the request must still arrive as configure_metrics, not as an empty request.
    [Fact]
    public async Task Metrics_enable_reaches_the_proxy_as_configure_metrics_and_prints_the_answer()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("metrics enabled")]);

        CliRun run = await CliRun.RunAsync($"metrics enable --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Lines("metrics enabled"), run.Output);
        Request received = Assert.Single(proxy.Received);
        Assert.Equal(Request.RequestTypeOneofCase.ConfigureMetrics, received.RequestTypeCase);
        Assert.Equal(MetricsConfiguration.Enabled, received.ConfigureMetrics);
    }

    public void Dispose() => _directory.Dispose();
}
