using Torii.Proxy.Runtime;

namespace Torii.Proxy.Limits;

/// <summary>Which max_connections_per_ip and retry_after apply to a cluster: its own when set, else the global ones.</summary>
public static class PerIpLimit
{
    /// <returns>The limit; 0 for none.</returns>
    public static ulong For(ClusterRuntime cluster, RoutingSnapshot snapshot) =>
        cluster.Config.HasMaxConnectionsPerIp ? cluster.Config.MaxConnectionsPerIp : snapshot.MaxConnectionsPerIp;

    /// <returns>Seconds for the Retry-After of a 429; 0 for no header.</returns>
    public static uint RetryAfterFor(ClusterRuntime cluster, uint global) =>
        cluster.Config.HasRetryAfter ? cluster.Config.RetryAfter : global;
}
