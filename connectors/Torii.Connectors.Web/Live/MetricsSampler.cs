using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Torii.Client;
using Torii.Connectors.Web.Proxy;
using Torii.Protocol;

namespace Torii.Connectors.Web.Live;

/// <summary>
/// Asks the proxy for its metrics every second, keeps the overview's samples in the ring and the rates of each
/// cluster and backend, sends the sample to every browser, and lets the drainer look at the connection counts.
/// </summary>
internal sealed partial class MetricsSampler(ToriiClient client, LiveRates rates, LiveHub hub, BackendDrainer drainer, ILogger<MetricsSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private AggregatedMetrics? _previous;
    private long _previousAt;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await SampleOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task SampleOnceAsync(CancellationToken stoppingToken)
    {
        AggregatedMetrics metrics;
        try
        {
            metrics = (await client.QueryMetricsAsync(cancellationToken: stoppingToken).ConfigureAwait(false)).Metrics ?? new AggregatedMetrics();
        }
        catch (Exception exception) when (ProxyFailures.IsProxyFailure(exception))
        {
            if (!_failing)
            {
                _failing = true;
                LogFailing(logger, exception.Message);
                hub.Publish(new LiveMessage("proxy", JsonSerializer.Serialize(new { up = false, reason = exception.Message })));
            }

            _previous = null;
            return;
        }

        if (_failing)
        {
            _failing = false;
            LogAnswering(logger);
            hub.Publish(new LiveMessage("proxy", """{"up":true}"""));
            hub.Publish(LiveMessage.Resync);
        }

        long now = Stopwatch.GetTimestamp();
        TimeSpan elapsed = _previous is null ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_previousAt, now);
        MetricsSample sample = MetricsReading.Sample(_previous, metrics, elapsed, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var backends = MetricsReading.Backends(_previous, metrics, elapsed);
        rates.Replace(MetricsReading.Clusters(_previous, metrics, elapsed), backends);
        _previous = metrics;
        _previousAt = now;
        if (elapsed > TimeSpan.Zero)
        {
            rates.History.Add(sample);
            hub.Publish(new LiveMessage("metrics", JsonSerializer.Serialize(sample, LiveJson.Options)));
        }

        await drainer.CheckAsync(backends, stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "cannot read the proxy's metrics, the charts pause until it answers: {Reason}")]
    private static partial void LogFailing(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "the proxy answers again")]
    private static partial void LogAnswering(ILogger logger);
}
