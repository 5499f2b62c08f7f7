using Torii.Protocol;

namespace Torii.Proxy.State;

/// <summary>
/// A cluster in the state with its backends, in the order they were added, and its frontends, so that
/// a query or a removal of one cluster costs what that cluster holds, not a scan of every frontend.
/// </summary>
public sealed class ClusterEntry(Cluster config)
{
    public Cluster Config { get; set; } = config;

    public OrderedDictionary<string, AddBackend> Backends { get; } = new(StringComparer.Ordinal);

    /// <summary>The cluster's HTTP frontends, in the order they were added (the same objects the state lists).</summary>
    public List<RequestHttpFrontend> HttpFrontends { get; } = [];

    /// <summary>The cluster's HTTPS frontends, in the order they were added.</summary>
    public List<RequestHttpFrontend> HttpsFrontends { get; } = [];

    /// <summary>The cluster's TCP frontends, in the order they were added.</summary>
    public List<RequestTcpFrontend> TcpFrontends { get; } = [];
}
