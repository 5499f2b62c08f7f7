namespace Torii.Proxy.State;

/// <summary>Process-wide settings from config.toml that shape how requests are applied.</summary>
public sealed record ProxyDefaults(int MaxIdleBackendConnections = 32, int DefaultBackendWeight = 100);
