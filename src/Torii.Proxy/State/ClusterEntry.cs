using Torii.Protocol;
using Torii.Proxy.Backends;

namespace Torii.Proxy.State;

/// <summary>
/// A cluster in the state with its backends, in the order they were added, and its frontends, so that
/// a query or a removal of one cluster costs what that cluster holds, not a scan of every frontend.
/// Every change goes through here, which forgets the cluster's cached hash.
/// </summary>
/// <remarks>
/// The backends are the set the routing snapshot publishes, not the requests that added them: the state gives a
/// request back from its backend (<see cref="BackendRequests"/>), which saves the kept message, its address and the
/// set's own array, 230 bytes a backend at 100,000 clusters (bench/run.sh scenario s). Frontends are held as
/// <see cref="OneOrMany{T}"/>: a cluster mostly has one frontend.
/// </remarks>
public sealed class ClusterEntry(Cluster config)
{
    // Not readonly: each is a struct changed in place.
    private OneOrMany<RequestHttpFrontend> _httpFrontends;
    private OneOrMany<RequestHttpFrontend> _httpsFrontends;
    private OneOrMany<RequestTcpFrontend> _tcpFrontends;

    // 0 until hashed: a nullable was 8 bytes more a cluster, and a cluster whose hash is 0 is merely hashed again.
    private ulong _hash;

    public Cluster Config
    {
        get;
        set
        {
            field = SharedEmptyMaps.Share(value);
            Hash = null;
        }
    } = SharedEmptyMaps.Share(config);

    /// <summary>The cluster's backends in the order they were added: the set the latest snapshot routes to.</summary>
    public BackendSet Backends
    {
        get;
        set
        {
            field = value;
            Hash = null;
        }
    } = BackendSet.Empty;

    /// <summary>The cluster's HTTP frontends, in the order they were added (the same objects the state lists).</summary>
    public IReadOnlyList<RequestHttpFrontend> HttpFrontends => _httpFrontends.Items;

    /// <summary>The cluster's HTTPS frontends, in the order they were added.</summary>
    public IReadOnlyList<RequestHttpFrontend> HttpsFrontends => _httpsFrontends.Items;

    /// <summary>The cluster's TCP frontends, in the order they were added.</summary>
    public IReadOnlyList<RequestTcpFrontend> TcpFrontends => _tcpFrontends.Items;

    /// <summary>The hash query_clusters_hashes answers for the cluster as it is; null once it changed.</summary>
    public ulong? Hash
    {
        get => _hash == 0 ? null : _hash;
        set => _hash = value ?? 0;
    }

    public void AddFrontend(RequestHttpFrontend frontend, bool https)
    {
        (https ? ref _httpsFrontends : ref _httpFrontends).Add(frontend);
        Hash = null;
    }

    public void RemoveFrontend(RequestHttpFrontend frontend, bool https)
    {
        (https ? ref _httpsFrontends : ref _httpFrontends).Remove(frontend);
        Hash = null;
    }

    public void AddTcpFrontend(RequestTcpFrontend frontend)
    {
        _tcpFrontends.Add(frontend);
        Hash = null;
    }

    public void RemoveTcpFrontend(RequestTcpFrontend frontend)
    {
        _tcpFrontends.Remove(frontend);
        Hash = null;
    }
}
