using System.Collections.Immutable;
using System.Net;
using Torii.Proxy.Routing;
using Torii.Proxy.Tls;

namespace Torii.Proxy.Runtime;

/// <summary>
/// Everything the data path needs to route, immutable. The state publishes a new
/// one per change with one reference swap; a request keeps the one it started with.
/// Every change is an O(log n) update of these persistent maps, never a rebuild.
/// </summary>
public sealed record RoutingSnapshot(
    ImmutableDictionary<string, ClusterRuntime> Clusters,
    ImmutableDictionary<IPEndPoint, RouteTable> HttpRoutes,
    ImmutableDictionary<IPEndPoint, string> TcpRoutes,
    ImmutableDictionary<IPEndPoint, CertificateIndex> Certificates)
{
    public static readonly RoutingSnapshot Empty = new(
        ImmutableDictionary.Create<string, ClusterRuntime>(StringComparer.Ordinal),
        ImmutableDictionary<IPEndPoint, RouteTable>.Empty,
        ImmutableDictionary<IPEndPoint, string>.Empty,
        ImmutableDictionary<IPEndPoint, CertificateIndex>.Empty);

    /// <summary>
    /// The clusters with an active health check, a subset of <see cref="Clusters"/> kept by <see cref="WithCluster"/>
    /// and <see cref="WithoutCluster"/>: the health checker follows these, so a change to one of 100,000 unchecked
    /// clusters costs it nothing (the same dictionary object means nothing it tracks changed).
    /// </summary>
    public ImmutableDictionary<string, ClusterRuntime> CheckedClusters { get; private init; } =
        ImmutableDictionary.Create<string, ClusterRuntime>(StringComparer.Ordinal);

    /// <summary>The snapshot with <paramref name="cluster"/> added, or replacing the one of the same id.</summary>
    public RoutingSnapshot WithCluster(ClusterRuntime cluster)
    {
        var isChecked = cluster.HealthProbe is not null && cluster.Config.HealthCheck is not null;
        return this with
        {
            Clusters = Clusters.SetItem(cluster.Id, cluster),
            CheckedClusters = isChecked ? CheckedClusters.SetItem(cluster.Id, cluster) : CheckedClusters.Remove(cluster.Id),
        };
    }

    /// <summary>The snapshot without the cluster of that id.</summary>
    public RoutingSnapshot WithoutCluster(string clusterId) =>
        this with { Clusters = Clusters.Remove(clusterId), CheckedClusters = CheckedClusters.Remove(clusterId) };

    /// <summary>The global max_connections_per_ip (set_max_connections_per_ip); 0: no limit. A cluster may override it.</summary>
    public ulong MaxConnectionsPerIp { get; init; }

    public RouteTable RoutesFor(IPEndPoint listener) => HttpRoutes.GetValueOrDefault(listener) ?? RouteTable.Empty;

    public CertificateIndex CertificatesFor(IPEndPoint listener) => Certificates.GetValueOrDefault(listener) ?? CertificateIndex.Empty;
}
