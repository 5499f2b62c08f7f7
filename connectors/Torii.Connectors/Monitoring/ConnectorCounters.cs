using Prometheus;

namespace Torii.Connectors.Monitoring;

/// <summary>
/// What the apply loop did since the connector started; safe to update and read from any thread. The counts
/// live in the Prometheus metrics themselves, so /metrics and /counters read the same numbers.
/// </summary>
public sealed class ConnectorCounters
{
    /// <summary>From half a millisecond (one answer on an idle proxy) to ten seconds (the default proxy timeout).</summary>
    public static readonly double[] ApplyDurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter _received;
    private readonly Counter _applied;
    private readonly Counter _failed;
    private readonly Counter _deadLettered;
    private readonly Counter _retried;
    private readonly Histogram _applyDuration;

    public ConnectorCounters(ConnectorMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        IMetricFactory factory = metrics.Factory;
        _received = factory.CreateCounter(
            "torii_connector_messages_received_total", "Messages taken from the broker; a redelivered message counts again.");
        _applied = factory.CreateCounter("torii_connector_messages_applied_total", "Messages whose request the proxy answered OK.");
        _failed = factory.CreateCounter("torii_connector_messages_failed_total", "Messages whose request the proxy answered FAILURE.");
        _deadLettered = factory.CreateCounter(
            "torii_connector_messages_dead_lettered_total", "Messages sent to the dead-letter destination: undecodable ones, and refused ones when configured.");
        _retried = factory.CreateCounter(
            "torii_connector_requests_retried_total", "Requests sent again because the proxy could not be reached or did not answer.");
        _applyDuration = factory.CreateHistogram(
            "torii_connector_apply_duration_seconds",
            "Seconds from sending a request to the proxy until its message was settled, for requests the proxy answered.",
            new HistogramConfiguration { Buckets = ApplyDurationBuckets });
    }

    /// <summary>Messages taken from the broker (a redelivered message counts again).</summary>
    public long Received => (long)_received.Value;

    /// <summary>Requests the proxy answered OK.</summary>
    public long Applied => (long)_applied.Value;

    /// <summary>Requests the proxy answered FAILURE.</summary>
    public long Failed => (long)_failed.Value;

    /// <summary>Messages sent to the dead-letter destination: undecodable ones, and refused ones when configured.</summary>
    public long DeadLettered => (long)_deadLettered.Value;

    /// <summary>Requests sent again because the proxy could not be reached or did not answer.</summary>
    public long Retried => (long)_retried.Value;

    public void CountReceived() => _received.Inc();

    public void CountApplied() => _applied.Inc();

    public void CountFailed() => _failed.Inc();

    public void CountDeadLettered() => _deadLettered.Inc();

    public void CountRetried() => _retried.Inc();

    /// <summary>Records how long the proxy took to answer a request, up to the moment its message was settled.</summary>
    public void ObserveApplyDuration(TimeSpan duration) => _applyDuration.Observe(duration.TotalSeconds);

    public CounterSnapshot Snapshot() => new(Received, Applied, Failed, DeadLettered, Retried);
}
