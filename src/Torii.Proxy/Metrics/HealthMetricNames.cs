namespace Torii.Proxy.Metrics;

/// <summary>The per-backend metrics of clusters with a health check (Sōzu's health_check.* names, per backend).</summary>
public static class HealthMetricNames
{
    public const string Up = "backend.up";
    public const string Success = "health_check.success";
    public const string Failure = "health_check.failure";
    public const string WentUp = "health_check.up";
    public const string WentDown = "health_check.down";
    public const string CheckTime = "health_check.time";

    public static IReadOnlyList<string> All { get; } = [Up, Success, Failure, WentUp, WentDown, CheckTime];
}
