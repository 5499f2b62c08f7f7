namespace Torii.Proxy.Backends;

/// <summary>What a check result or a passive failure did to a backend's health.</summary>
public enum HealthTransition
{
    None,
    WentDown,
    WentUp,
}
