using Torii.Protocol;

namespace Torii.Proxy.State;

/// <summary>set_max_connections_per_ip and query_max_connections_per_ip: the global per-(cluster, client IP) limit.</summary>
public sealed partial class ConfigState
{
    public string SetMaxConnectionsPerIp(ulong limit)
    {
        var snapshot = Snapshot;
        var text = limit == 0 ? "unlimited" : limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (snapshot.MaxConnectionsPerIp == limit)
        {
            return $"max_connections_per_ip unchanged: {text}";
        }

        // Connections already counted stay counted; the new limit applies from the next admission.
        Publish(snapshot with { MaxConnectionsPerIp = limit });
        return $"max_connections_per_ip set to {text}";
    }

    public MaxConnectionsPerIpLimit QueryMaxConnectionsPerIp() => new() { Limit = Snapshot.MaxConnectionsPerIp };

    /// <summary>The request that restores the global limit, if one is set: first in a saved state, before any listener accepts.</summary>
    private IEnumerable<Request> PerIpLimitRequests()
    {
        if (Snapshot.MaxConnectionsPerIp != 0)
        {
            yield return new Request { SetMaxConnectionsPerIp = Snapshot.MaxConnectionsPerIp };
        }
    }
}
