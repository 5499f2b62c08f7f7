using System.Text.Json;

namespace Torii.Connectors.Monitoring;

/// <summary>A bus connector's status: healthy while the broker and the proxy are connected; the apply loop's counters.</summary>
public sealed class BusConnectorStatus(ConnectorHealth health, ConnectorCounters counters) : IConnectorStatus
{
    public HealthReport Report() => health.Report();

    public void WriteCounters(Utf8JsonWriter writer) => CountersJson.Write(writer, counters.Snapshot());
}
