using System.Net;
using Torii.Protocol;
using SocketAddress = Torii.Protocol.SocketAddress;
using Torii.Proxy.Backends;
using Torii.Proxy.Http;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.State;

/// <summary>
/// The truth: listeners, clusters, backends and frontends. One writer at a time
/// (the command dispatcher serialises requests) checks a request completely, then
/// changes the state and publishes the routing snapshot; a request that fails
/// changes nothing. The state keeps the messages of the requests it applies (a cluster's
/// configuration, a backend, a frontend) as they are, without copying them: a caller hands
/// them over and does not change them afterwards (at 100,000 clusters the copies were a
/// tenth of a state load's allocations, bench/run.sh scenario s).
/// </summary>
public sealed partial class ConfigState(SnapshotHolder snapshots, IListenerHost listenerHost, ProxyDefaults defaults)
{
    private readonly OrderedDictionary<IPEndPoint, ListenerEntry> _listeners = new();
    private readonly InsertionOrderedMap<string, ClusterEntry> _clusters = new(static cluster => cluster.Config.ClusterId, StringComparer.Ordinal);
    private readonly InsertionOrderedMap<FrontendKey, RequestHttpFrontend> _httpFrontends = new(FrontendKey.Of);
    private readonly InsertionOrderedMap<FrontendKey, RequestHttpFrontend> _httpsFrontends = new(FrontendKey.Of);
    private readonly InsertionOrderedMap<IPEndPoint, RequestTcpFrontend> _tcpFrontends = new(static frontend => EndPointOf(frontend.Address));
    private readonly Func<Backend, object> _newConnectionPool = _ => new BackendConnectionPool(defaults.MaxIdleBackendConnections, defaults.BackendIdleTimeoutMs);

    public RoutingSnapshot Snapshot => snapshots.Current;

    public ProxyDefaults Defaults => defaults;

    public IReadOnlyCollection<ListenerEntry> Listeners => _listeners.Values;

    public int ClusterCount => _clusters.Count;

    public int BackendCount => _clusters.Values.Sum(cluster => cluster.Backends.Count);

    public int FrontendCount => _httpFrontends.Count + _httpsFrontends.Count + _tcpFrontends.Count;

    private void Publish(RoutingSnapshot snapshot) => snapshots.Publish(snapshot);

    private ClusterEntry RequireCluster(string clusterId) =>
        _clusters.TryGetValue(clusterId, out var cluster) ? cluster : throw new CommandException($"no cluster \"{clusterId}\"");

    private static IPEndPoint EndPointOf(SocketAddress address) => SocketAddresses.ToEndPoint(address);
}
