namespace Torii.Proxy.Upgrade;

/// <summary>The process that confirmed it serves now.</summary>
public sealed record UpgradeOutcome(int ProcessId, string Version);
