namespace Torii.Proxy.State;

/// <summary>Process-wide settings from config.toml that shape how requests are applied.</summary>
public sealed record ProxyDefaults(int MaxIdleBackendConnections = 1024, int DefaultBackendWeight = 100, long BackendIdleTimeoutMs = 30_000);
