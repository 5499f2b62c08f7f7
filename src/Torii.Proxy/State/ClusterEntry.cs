using Torii.Protocol;

namespace Torii.Proxy.State;

/// <summary>A cluster in the state with its backends, in the order they were added.</summary>
public sealed class ClusterEntry(Cluster config)
{
    public Cluster Config { get; set; } = config;

    public OrderedDictionary<string, AddBackend> Backends { get; } = new(StringComparer.Ordinal);
}
