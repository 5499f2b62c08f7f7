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

    /// <summary>The global max_connections_per_ip (set_max_connections_per_ip); 0: no limit. A cluster may override it.</summary>
    public ulong MaxConnectionsPerIp { get; init; }

    public RouteTable RoutesFor(IPEndPoint listener) => HttpRoutes.GetValueOrDefault(listener) ?? RouteTable.Empty;

    public CertificateIndex CertificatesFor(IPEndPoint listener) => Certificates.GetValueOrDefault(listener) ?? CertificateIndex.Empty;
}
