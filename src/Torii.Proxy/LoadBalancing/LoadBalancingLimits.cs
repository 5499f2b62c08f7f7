namespace Torii.Proxy.LoadBalancing;

internal static class LoadBalancingLimits
{
    /// <summary>
    /// How many weighted draws a balancer makes before falling back to a linear scan;
    /// keeps a mostly-down tier from costing many draws per request.
    /// </summary>
    public const int MaxProbes = 8;
}
