namespace Torii.Connectors.Web.Live;

/// <summary>The latest per-cluster and per-backend rates, replaced whole every second by the sampler.</summary>
internal sealed class LiveRates
{
    private volatile IReadOnlyDictionary<string, TrafficRate> _clusters = new Dictionary<string, TrafficRate>();
    private volatile IReadOnlyDictionary<(string Cluster, string Backend), TrafficRate> _backends = new Dictionary<(string, string), TrafficRate>();

    public MetricsRing History { get; } = new();

    public TrafficRate Cluster(string clusterId) => _clusters.GetValueOrDefault(clusterId) ?? TrafficRate.None;

    public TrafficRate Backend(string clusterId, string backendId) => _backends.GetValueOrDefault((clusterId, backendId)) ?? TrafficRate.None;

    /// <summary>Null when the backend was not in the last reading.</summary>
    public TrafficRate? BackendIfKnown(string clusterId, string backendId) => _backends.GetValueOrDefault((clusterId, backendId));

    public void Replace(IReadOnlyDictionary<string, TrafficRate> clusters, IReadOnlyDictionary<(string Cluster, string Backend), TrafficRate> backends)
    {
        _clusters = clusters;
        _backends = backends;
    }
}
