using System.Text.Json;

namespace Torii.Connectors.Monitoring;

/// <summary>A bus connector's counters as members of a JSON object with snake_case names, the form /healthz and /counters return.</summary>
public static class CountersJson
{
    public static void Write(Utf8JsonWriter writer, CounterSnapshot counters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(counters);
        writer.WriteNumber("received", counters.Received);
        writer.WriteNumber("applied", counters.Applied);
        writer.WriteNumber("failed", counters.Failed);
        writer.WriteNumber("dead_lettered", counters.DeadLettered);
        writer.WriteNumber("retried", counters.Retried);
    }

    /// <exception cref="JsonException">The text is not such an object.</exception>
    public static CounterSnapshot Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        return new CounterSnapshot(
            root.GetProperty("received").GetInt64(),
            root.GetProperty("applied").GetInt64(),
            root.GetProperty("failed").GetInt64(),
            root.GetProperty("dead_lettered").GetInt64(),
            root.GetProperty("retried").GetInt64());
    }
}
