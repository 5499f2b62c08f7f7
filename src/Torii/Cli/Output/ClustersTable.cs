using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`cluster list --id|--domain`: the clusters, then their backends, then their frontends.</summary>
internal static class ClustersTable
{
    public static void Write(ClusterInformations clusters, TextWriter writer)
    {
        if (clusters.Vec.Count == 0)
        {
            writer.WriteLine("no clusters");
            return;
        }

        var table = new TextTable("ID", "LOAD BALANCING", "STICKY", "HTTP2", "HTTPS REDIRECT", "QUEUE TIMEOUT", "BACKENDS");
        foreach (ClusterInformation information in clusters.Vec)
        {
            Cluster configuration = information.Configuration ?? new Cluster();
            table.AddRow(
                configuration.ClusterId,
                configuration.HasLoadBalancingHeader
                    ? $"{Display.LoadBalancing(configuration.LoadBalancing)} by {configuration.LoadBalancingHeader}"
                    : Display.LoadBalancing(configuration.LoadBalancing),
                Display.YesNo(configuration.StickySession),
                Display.YesNo(configuration.Http2),
                Display.YesNo(configuration.HttpsRedirect),
                configuration.HasQueueTimeout ? $"{configuration.QueueTimeout}s" : "connect timeout",
                Display.Number(information.Backends.Count));
        }

        table.WriteTo(writer);
        WriteBackends(clusters, writer);
        WriteFrontends(clusters, writer);
    }

    private static void WriteBackends(ClusterInformations clusters, TextWriter writer)
    {
        var health = clusters.Vec.SelectMany(information => information.BackendHealth)
            .ToDictionary(status => (status.ClusterId, status.BackendId));
        var table = new TextTable("CLUSTER", "BACKEND", "ADDRESS", "WEIGHT", "BACKUP", "STICKY ID", "MAX CONNECTIONS", "HEALTH", "SINCE", "LAST FAILURE");
        foreach (AddBackend backend in clusters.Vec.SelectMany(information => information.Backends))
        {
            var status = health.GetValueOrDefault((backend.ClusterId, backend.BackendId));
            table.AddRow(
                backend.ClusterId,
                backend.BackendId,
                Display.Address(backend.Address),
                backend.LoadBalancingParameters is { HasWeight: true } parameters ? Display.Number(parameters.Weight) : Display.None,
                Display.YesNo(backend.Backup),
                backend.HasStickyId ? backend.StickyId : Display.None,
                backend.MaxConnections > 0 ? Display.Number((int)backend.MaxConnections) : "unlimited",
                status is null ? Display.None : Display.Health(status),
                status is { Checked: true } ? Display.Since(status.Since) : Display.None,
                status is { HasLastFailure: true } ? status.LastFailure : Display.None);
        }

        if (table.RowCount > 0)
        {
            writer.WriteLine();
            table.WriteTo(writer);
        }
    }

    private static void WriteFrontends(ClusterInformations clusters, TextWriter writer)
    {
        if (clusters.Vec.All(c => c.HttpFrontends.Count + c.HttpsFrontends.Count + c.TcpFrontends.Count == 0))
        {
            return;
        }

        writer.WriteLine();
        FrontendsTable.Write(
            clusters.Vec.SelectMany(c => c.HttpFrontends),
            clusters.Vec.SelectMany(c => c.HttpsFrontends),
            clusters.Vec.SelectMany(c => c.TcpFrontends),
            writer);
    }
}
