namespace Torii.Proxy.Health;

/// <summary>The outcome of one check: healthy, or the reason it failed (shown to operators, never containing a secret).</summary>
public readonly record struct HealthProbeResult(bool Healthy, string? Failure)
{
    public static HealthProbeResult Success { get; } = new(true, null);

    public static HealthProbeResult Fail(string reason) => new(false, reason);
}
