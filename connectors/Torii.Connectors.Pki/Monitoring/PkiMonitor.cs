using System.Text.Json;
using Prometheus;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Pki.Reconciling;

namespace Torii.Connectors.Pki.Monitoring;

/// <summary>
/// What the passes did, kept in the connector's Prometheus metrics; /counters and /healthz read the same
/// values. Healthy once a pass reached the proxy, until a pass fails.
/// </summary>
internal sealed class PkiMonitor : IConnectorStatus
{
    private const long NoExpiry = long.MinValue;

    private readonly TimeProvider _time;
    private readonly Gauge _managed;
    private readonly Gauge _unusable;
    private readonly Counter _rejected;
    private readonly Counter _passes;
    private readonly Gauge _lastPass;
    private readonly Gauge _earliestExpiry;
    private volatile string? _failure = "no pass has reached the proxy yet";
    private long _earliestExpiryUnixMilliseconds = NoExpiry;

    public PkiMonitor(ConnectorMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Metrics = metrics;
        _time = time;
        IMetricFactory factory = metrics.Factory;
        _managed = factory.CreateGauge("torii_pki_certificates_managed", "Certificates this connector added to the listener and keeps there, after the last pass.");
        _unusable = factory.CreateGauge("torii_pki_pairs_unusable", "Pairs of the directory the last pass could not use: broken, expired, or refused by the proxy.");
        _rejected = factory.CreateCounter(
            "torii_pki_pairs_rejected_total", "Pairs found unusable or refused by the proxy, counted once per problem as logged (not again on every pass).");
        _passes = factory.CreateCounter("torii_pki_passes_total", "Passes that read the directory and reached the proxy.");
        _lastPass = factory.CreateGauge("torii_pki_last_pass_timestamp_seconds", "When the last pass that reached the proxy ended, in Unix seconds; 0 before the first.");
        _earliestExpiry = factory.CreateGauge(
            "torii_pki_earliest_expiry_seconds",
            "Seconds until the earliest expiry among the certificates this connector manages; absent while it manages none.",
            new GaugeConfiguration { SuppressInitialValue = true });
        metrics.BeforeEachScrape(UpdateEarliestExpiry);
    }

    public ConnectorMetrics Metrics { get; }

    public long CertificatesManaged => (long)_managed.Value;

    public long PairsRejected => (long)_rejected.Value;

    public long Passes => (long)_passes.Value;

    /// <summary>A pair's problem was reported (it is reported again only when it changes, or after it was solved).</summary>
    public void PairRejected() => _rejected.Inc();

    public void PassCompleted(ReconcileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _managed.Set(outcome.Managed);
        _unusable.Set(outcome.Unusable + outcome.Refused);
        Interlocked.Exchange(ref _earliestExpiryUnixMilliseconds, outcome.EarliestExpiry?.ToUnixTimeMilliseconds() ?? NoExpiry);
        _passes.Inc();
        _lastPass.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        _failure = null;
    }

    /// <param name="reason">One line: what stopped the pass.</param>
    public void PassFailed(string reason) => _failure = reason;

    public HealthReport Report() => _failure is { } failure ? HealthReport.Unhealthy(failure) : HealthReport.Healthy;

    public void WriteCounters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("certificates_managed", CertificatesManaged);
        writer.WriteNumber("pairs_unusable", (long)_unusable.Value);
        writer.WriteNumber("pairs_rejected", PairsRejected);
        writer.WriteNumber("passes", Passes);
        writer.WriteNumber("last_pass", _lastPass.Value);
        if (SecondsToEarliestExpiry() is double seconds)
        {
            writer.WriteNumber("earliest_expiry_seconds", Math.Round(seconds));
        }
        else
        {
            writer.WriteNull("earliest_expiry_seconds");
        }
    }

    /// <returns>Null while no certificate is managed; negative once the earliest has expired.</returns>
    public double? SecondsToEarliestExpiry()
    {
        long expiry = Interlocked.Read(ref _earliestExpiryUnixMilliseconds);
        return expiry == NoExpiry ? null : (expiry - _time.GetUtcNow().ToUnixTimeMilliseconds()) / 1000.0;
    }

    private void UpdateEarliestExpiry()
    {
        if (SecondsToEarliestExpiry() is double seconds)
        {
            _earliestExpiry.Set(seconds);
        }
        else
        {
            _earliestExpiry.Unpublish();
        }
    }
}
