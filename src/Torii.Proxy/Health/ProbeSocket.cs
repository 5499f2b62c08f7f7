namespace Torii.Proxy.Health;

/// <summary>What a check's own connection reports when its timeout ends it.</summary>
internal static class ProbeSocket
{
    public const string TimedOut = "timed out";
}
