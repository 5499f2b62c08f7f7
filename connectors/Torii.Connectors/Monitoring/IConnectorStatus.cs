using System.Text.Json;

namespace Torii.Connectors.Monitoring;

/// <summary>What a connector's /healthz and /counters report.</summary>
public interface IConnectorStatus
{
    HealthReport Report();

    /// <summary>Writes the counters as members of the JSON object /healthz and /counters answer, after its "status".</summary>
    void WriteCounters(Utf8JsonWriter writer);
}
