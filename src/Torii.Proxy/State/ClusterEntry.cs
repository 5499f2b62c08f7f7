using System.Diagnostics.CodeAnalysis;
using Torii.Protocol;

namespace Torii.Proxy.State;

/// <summary>
/// A cluster in the state with its backends, in the order they were added, and its frontends, so that
/// a query or a removal of one cluster costs what that cluster holds, not a scan of every frontend.
/// Every change goes through here, which forgets the cluster's cached hash.
/// </summary>
public sealed class ClusterEntry(Cluster config)
{
    /// <summary>
    /// Up to this many backends they are kept in an array, scanned by id and copied per change: an ordered
    /// dictionary's three objects cost ~160 bytes more per cluster, and most clusters have a handful of backends
    /// (100,000 clusters of one backend in bench/run.sh scenario s). Beyond, removing one of n backends shifts n references.
    /// </summary>
    private const int MaxScannedBackends = 8;

    private AddBackend[] _fewBackends = [];
    private OrderedDictionary<string, AddBackend>? _manyBackends;
    // Created by the first frontend of their kind, with room for one: a cluster mostly has one frontend, of one kind.
    private List<RequestHttpFrontend>? _httpFrontends;
    private List<RequestHttpFrontend>? _httpsFrontends;
    private List<RequestTcpFrontend>? _tcpFrontends;

    public Cluster Config
    {
        get;
        set
        {
            field = SharedEmptyMaps.Share(value);
            Hash = null;
        }
    } = SharedEmptyMaps.Share(config);

    /// <summary>The cluster's backends, in the order they were added (the requests that added them).</summary>
    public IReadOnlyCollection<AddBackend> Backends => _manyBackends is { } many ? many.Values : _fewBackends;

    public bool TryGetBackend(string backendId, [MaybeNullWhen(false)] out AddBackend backend)
    {
        if (_manyBackends is { } many)
        {
            return many.TryGetValue(backendId, out backend);
        }

        var index = IndexOfFew(backendId);
        backend = index < 0 ? null : _fewBackends[index];
        return backend is not null;
    }

    /// <summary>The cluster's HTTP frontends, in the order they were added (the same objects the state lists).</summary>
    public IReadOnlyList<RequestHttpFrontend> HttpFrontends => (IReadOnlyList<RequestHttpFrontend>?)_httpFrontends ?? [];

    /// <summary>The cluster's HTTPS frontends, in the order they were added.</summary>
    public IReadOnlyList<RequestHttpFrontend> HttpsFrontends => (IReadOnlyList<RequestHttpFrontend>?)_httpsFrontends ?? [];

    /// <summary>The cluster's TCP frontends, in the order they were added.</summary>
    public IReadOnlyList<RequestTcpFrontend> TcpFrontends => (IReadOnlyList<RequestTcpFrontend>?)_tcpFrontends ?? [];

    /// <summary>The hash query_clusters_hashes answers for the cluster as it is; null once it changed.</summary>
    public ulong? Hash { get; set; }

    /// <summary>Adds a backend whose id the cluster does not have yet.</summary>
    public void AddBackend(AddBackend backend)
    {
        if (_manyBackends is { } many)
        {
            many.Add(backend.BackendId, backend);
        }
        else if (_fewBackends.Length < MaxScannedBackends)
        {
            _fewBackends = [.. _fewBackends, backend];
        }
        else
        {
            _manyBackends = new OrderedDictionary<string, AddBackend>(MaxScannedBackends * 2, StringComparer.Ordinal);
            foreach (var few in _fewBackends)
            {
                _manyBackends.Add(few.BackendId, few);
            }

            _manyBackends.Add(backend.BackendId, backend);
            _fewBackends = [];
        }

        Hash = null;
    }

    public void RemoveBackend(string backendId)
    {
        if (_manyBackends is { } many)
        {
            many.Remove(backendId);
        }
        else if (IndexOfFew(backendId) is var index and >= 0)
        {
            _fewBackends = [.. _fewBackends.AsSpan(0, index), .. _fewBackends.AsSpan(index + 1)];
        }

        Hash = null;
    }

    private int IndexOfFew(string backendId)
    {
        var few = _fewBackends;
        for (var i = 0; i < few.Length; i++)
        {
            if (string.Equals(few[i].BackendId, backendId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public void AddFrontend(RequestHttpFrontend frontend, bool https)
    {
        (https ? _httpsFrontends ??= new(1) : _httpFrontends ??= new(1)).Add(frontend);
        Hash = null;
    }

    public void RemoveFrontend(RequestHttpFrontend frontend, bool https)
    {
        (https ? _httpsFrontends : _httpFrontends)?.Remove(frontend);
        Hash = null;
    }

    public void AddTcpFrontend(RequestTcpFrontend frontend)
    {
        (_tcpFrontends ??= new(1)).Add(frontend);
        Hash = null;
    }

    public void RemoveTcpFrontend(RequestTcpFrontend frontend)
    {
        _tcpFrontends?.Remove(frontend);
        Hash = null;
    }
}
