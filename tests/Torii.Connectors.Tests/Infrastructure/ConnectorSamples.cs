using Torii.Connectors.Monitoring;
using Torii.Connectors.Prometheus.Tests.EndToEnd;

namespace Torii.Connectors.Tests.Infrastructure;

/// <summary>The samples of a connector's /metrics that carry only its <c>connector</c> label, by metric name.</summary>
public sealed class ConnectorSamples(ExpositionSamples samples, string connector)
{
    public ExpositionSamples Samples => samples;

    public double? this[string name] => samples[$"{name}{{connector=\"{connector}\"}}"];

    /// <summary>The five counters, in the form /counters gives them.</summary>
    public CounterSnapshot Counters => new(
        Count("torii_connector_messages_received_total"),
        Count("torii_connector_messages_applied_total"),
        Count("torii_connector_messages_failed_total"),
        Count("torii_connector_messages_dead_lettered_total"),
        Count("torii_connector_requests_retried_total"));

    private long Count(string name) => (long)(this[name] ?? throw new InvalidOperationException($"{name} is not in the exposition:\n{samples.Text}"));
}
