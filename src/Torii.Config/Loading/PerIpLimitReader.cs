using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>
/// Sōzu's max_connections_per_ip and retry_after, at the top level (the global defaults) and in a
/// cluster (its override). The global limit becomes a set_max_connections_per_ip request, so that it is
/// part of the state that reloads and saved states carry; retry_after is a process setting.
/// </summary>
internal static class PerIpLimitReader
{
    public static readonly string[] Keys = ["max_connections_per_ip", "retry_after"];

    /// <summary>The protocol's bounds (see the request validator).</summary>
    private const long MaxConnectionsPerIp = 1_000_000;
    private const long MaxRetryAfter = 86_400;

    /// <summary>Sōzu's default Retry-After, in seconds.</summary>
    public const uint DefaultRetryAfter = 60;

    public static IEnumerable<ConfigRequest> ReadGlobal(ConfigSection root)
    {
        if (root.Integer("max_connections_per_ip", 0, MaxConnectionsPerIp) is > 0 and var limit)
        {
            yield return new ConfigRequest(new Request { SetMaxConnectionsPerIp = (ulong)limit }, root.KeyPosition("max_connections_per_ip"));
        }
    }

    public static uint ReadRetryAfter(ConfigSection section) =>
        section.Integer("retry_after", 0, MaxRetryAfter) is { } seconds ? (uint)seconds : DefaultRetryAfter;

    public static void ReadCluster(Cluster cluster, ConfigSection section)
    {
        if (section.Integer("max_connections_per_ip", 0, MaxConnectionsPerIp) is { } limit)
        {
            cluster.MaxConnectionsPerIp = (ulong)limit;
        }

        if (section.Integer("retry_after", 0, MaxRetryAfter) is { } seconds)
        {
            cluster.RetryAfter = (uint)seconds;
        }
    }
}
