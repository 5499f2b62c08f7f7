namespace Torii.Connectors.Monitoring;

/// <param name="Reason">Why the connector is unhealthy, one line; null when healthy.</param>
public sealed record HealthReport(bool IsHealthy, string? Reason)
{
    public static HealthReport Healthy { get; } = new(true, null);

    /// <summary>Unhealthy, with the reason on one line: /healthz answers it as one line of text.</summary>
    public static HealthReport Unhealthy(string reason) => new(false, OneLine(reason));

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
