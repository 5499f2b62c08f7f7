using Torii.Protocol;
using Torii.Proxy.Events;

namespace Torii.Proxy.State;

public sealed partial class ConfigState
{
    /// <summary>Where the clusters' health checks report backends going down and up; null: nowhere.</summary>
    public EventBus? Events { get; set; }

    /// <summary>The cluster's current settings (replaced, never mutated, by an update); null if there is no such cluster.</summary>
    public Cluster? ClusterConfig(string clusterId) => _clusters.TryGetValue(clusterId, out var entry) ? entry.Config : null;
}
