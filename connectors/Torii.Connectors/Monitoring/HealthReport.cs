namespace Torii.Connectors.Monitoring;

/// <param name="Reason">Why the connector is unhealthy, one line; null when healthy.</param>
public sealed record HealthReport(bool IsHealthy, string? Reason);
