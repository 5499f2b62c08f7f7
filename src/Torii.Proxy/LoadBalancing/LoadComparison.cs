using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

internal static class LoadComparison
{
    /// <summary>
    /// True when <paramref name="candidate"/> carries fewer active connections per unit of
    /// weight than <paramref name="current"/>; cross-multiplied to stay in integers.
    /// </summary>
    public static bool IsLessLoaded(Backend candidate, Backend current) =>
        (long)candidate.ActiveConnections * current.Weight < (long)current.ActiveConnections * candidate.Weight;
}
