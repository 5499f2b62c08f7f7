using Torii.Client;
using Torii.Protocol;

namespace Torii.Connectors.Tests.RabbitMq;

internal static class BackendIds
{
    /// <summary>The ids of the backends of a cluster, as the proxy reports them; empty when the cluster is unknown.</summary>
    public static async Task<IReadOnlySet<string>> OfAsync(ToriiClient client, string clusterId)
    {
        ClusterInformations clusters = await client.QueryClusterByIdAsync(clusterId);
        return clusters.Vec.SelectMany(cluster => cluster.Backends).Select(backend => backend.BackendId).ToHashSet();
    }
}
