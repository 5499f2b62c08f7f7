using Torii.Connectors.Applying;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Prometheus.Tests.EndToEnd;
using Torii.Connectors.Tests.Fakes;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Monitoring;

public sealed class ConnectorMetricsTests
{
    [Fact]
    public async Task The_metrics_count_what_the_apply_loop_settles_and_the_counters_read_the_same_numbers()
    {
        await using var run = new LoopRun(new ApplyLoopOptions { DeadLetterFailed = true });
        run.Proxy.RefuseBackend("bad", "refused");
        run.Source.Deliver(TestMessages.Protobuf("good-1"));
        run.Source.Deliver(TestMessages.Protobuf("bad"));
        run.Source.Deliver(TestMessages.Garbage("garbage"));
        run.Source.Deliver(TestMessages.Protobuf("good-2"));

        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 4, "every message settled");
        ConnectorSamples metrics = await ScrapeAsync(run.Metrics);

        Assert.Equal(new CounterSnapshot(4, 2, 1, 2, 0), metrics.Counters);
        Assert.Equal(metrics.Counters, run.Counters.Snapshot());
        Assert.Equal(3, metrics["torii_connector_apply_duration_seconds_count"]);
    }

    [Fact]
    public async Task The_apply_duration_runs_from_sending_the_request_to_settling_its_message()
    {
        var clock = new SteppedClock();
        await using var run = new LoopRun(time: clock);
        run.Proxy.HoldAnswers = true;
        run.Source.Deliver(TestMessages.Protobuf("slow"));
        await Eventually.HoldsAsync(() => run.Proxy.HeldCount == 1, "the request sent");

        clock.Advance(TimeSpan.FromMilliseconds(300));
        run.Proxy.ReleaseHeld();
        await Eventually.HoldsAsync(() => run.Source.Settled.Count == 1, "the message settled");
        ConnectorSamples metrics = await ScrapeAsync(run.Metrics);

        Assert.Equal(0, metrics.Samples["torii_connector_apply_duration_seconds_bucket{connector=\"torii-test\",le=\"0.25\"}"]);
        Assert.Equal(1, metrics.Samples["torii_connector_apply_duration_seconds_bucket{connector=\"torii-test\",le=\"0.5\"}"]);
        Assert.Equal(1, metrics.Samples["torii_connector_apply_duration_seconds_bucket{connector=\"torii-test\",le=\"+Inf\"}"]);
        Assert.Equal(0.3, metrics["torii_connector_apply_duration_seconds_sum"]!.Value, 9);
    }

    [Fact]
    public async Task The_up_gauges_follow_what_the_connections_reported_last()
    {
        var metrics = new ConnectorMetrics("torii-test");
        var health = new ConnectorHealth(metrics);

        ConnectorSamples starting = await ScrapeAsync(metrics);
        health.BrokerUp();
        health.ProxyUp();
        ConnectorSamples connected = await ScrapeAsync(metrics);
        health.ProxyDown("cannot connect");
        ConnectorSamples proxyLost = await ScrapeAsync(metrics);

        Assert.Equal((0, 0), (starting["torii_connector_broker_up"], starting["torii_connector_proxy_up"]));
        Assert.Equal((1, 1), (connected["torii_connector_broker_up"], connected["torii_connector_proxy_up"]));
        Assert.Equal((1, 0), (proxyLost["torii_connector_broker_up"], proxyLost["torii_connector_proxy_up"]));
    }

    private static async Task<ConnectorSamples> ScrapeAsync(ConnectorMetrics metrics) =>
        new(new ExpositionSamples(await metrics.ExportTextAsync()), "torii-test");
}
