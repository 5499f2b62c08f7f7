using System.Text;
using System.Text.Json;

namespace Torii.Connectors.Monitoring;

/// <summary>The counters as one JSON object with snake_case names, the form /healthz and /counters return.</summary>
public static class CountersJson
{
    public static string Format(CounterSnapshot counters, string status)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", status);
            writer.WriteNumber("received", counters.Received);
            writer.WriteNumber("applied", counters.Applied);
            writer.WriteNumber("failed", counters.Failed);
            writer.WriteNumber("dead_lettered", counters.DeadLettered);
            writer.WriteNumber("retried", counters.Retried);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
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
