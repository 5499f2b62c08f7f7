using Torii.Protocol;
using Torii.Proxy.Actions;
using Torii.Proxy.Backends;
using Torii.Proxy.Health;
using Torii.Proxy.Http;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.State;

public sealed partial class ConfigState
{
    /// <summary>Adds a cluster, or updates its settings in place (as Sōzu does) keeping its backends and frontends.</summary>
    public string AddCluster(Cluster config)
    {
        var answers = ClusterAnswers(config);
        var auth = ClusterAuth(config);
        var balancer = LoadBalancerFactory.Create(config.LoadBalancing);
        var balancingHeader = config.HasLoadBalancingHeader ? System.Text.Encoding.ASCII.GetBytes(config.LoadBalancingHeader) : null;
        var probe = config.HealthCheck is { } healthCheck ? HealthProbeFactory.Create(healthCheck) : null;
        var snapshot = Snapshot;
        if (_clusters.TryGetValue(config.ClusterId, out var existing))
        {
            // The check is changed by its own requests: an update that does not carry one keeps it.
            var updated = config.Clone();
            updated.HealthCheck ??= existing.Config.HealthCheck;
            if (existing.Config.Equals(updated))
            {
                return $"cluster {config.ClusterId} unchanged";
            }

            var current = snapshot.Clusters[config.ClusterId];
            existing.Config = updated;
            PublishCluster(existing, snapshot, current with { Config = existing.Config, Balancer = balancer, BalancingHeader = balancingHeader, Answers = answers, Auth = auth, HealthProbe = probe ?? current.HealthProbe });
            ConfigureHealth(current.Health, existing.Config);
            return $"cluster {config.ClusterId} updated";
        }

        var entry = new ClusterEntry(config);
        _clusters.Add(config.ClusterId, entry);
        var runtime = new ClusterRuntime(entry.Config, BackendSet.Empty, balancer, answers, new TrafficMetrics()) { HealthProbe = probe, BalancingHeader = balancingHeader, Auth = auth };
        PublishCluster(entry, snapshot, runtime);
        ConfigureHealth(runtime.Health, entry.Config);
        return $"cluster {config.ClusterId} added";
    }

    /// <summary>Removes a cluster with its frontends and backends; requests in flight finish.</summary>
    public string RemoveCluster(string clusterId)
    {
        var cluster = RequireCluster(clusterId);
        var snapshot = Snapshot;
        var routes = snapshot.HttpRoutes;
        foreach (var frontend in cluster.HttpFrontends)
        {
            var key = FrontendKey.Of(frontend);
            routes = WithoutRoute(routes, key, frontend);
            _httpFrontends.Remove(key);
        }

        foreach (var frontend in cluster.HttpsFrontends)
        {
            var key = FrontendKey.Of(frontend);
            routes = WithoutRoute(routes, key, frontend);
            _httpsFrontends.Remove(key);
        }

        var tcpRoutes = snapshot.TcpRoutes;
        foreach (var frontend in cluster.TcpFrontends)
        {
            var address = EndPointOf(frontend.Address);
            _tcpFrontends.Remove(address);
            tcpRoutes = tcpRoutes.Remove(address);
        }

        foreach (var backend in cluster.Backends.All)
        {
            backend.Retire();
        }

        _clusters.Remove(clusterId);
        Publish(snapshot.WithoutCluster(clusterId) with { HttpRoutes = routes, TcpRoutes = tcpRoutes });
        snapshot.Clusters[clusterId].Queue.Update(null);
        return $"cluster {clusterId} removed with {cluster.Backends.Count} backends";
    }

    public string AddBackend(AddBackend request)
    {
        var cluster = RequireCluster(request.ClusterId);
        if (cluster.Backends.Find(request.BackendId) is { } existing)
        {
            throw new CommandException(
                $"backend \"{request.BackendId}\" already exists in cluster \"{request.ClusterId}\" at {existing.Address}");
        }

        var weight = request.LoadBalancingParameters?.Weight ?? defaults.DefaultBackendWeight;
        if (weight is < 0 or > Backend.MaxWeight)
        {
            throw new CommandException($"backend \"{request.BackendId}\": weight {weight} is outside 0..{Backend.MaxWeight}");
        }

        // The cluster's own id string: 100,000 clusters would otherwise hold a copy per backend.
        var backend = new Backend(
            cluster.Config.ClusterId,
            request.BackendId,
            EndPointOf(request.Address),
            weight,
            request.Backup,
            request.HasStickyId ? request.StickyId : null,
            (int)request.MaxConnections)
        {
            ConnectionPoolFactory = _newConnectionPool,
            RequestFields = BackendRequests.FieldsOf(request),
        };
        var snapshot = Snapshot;
        var runtime = snapshot.Clusters[cluster.Config.ClusterId];
        runtime.Health.Attach(backend);
        PublishCluster(cluster, snapshot, runtime with { Backends = runtime.Backends.With(backend) });
        return $"backend {request.BackendId} added to cluster {request.ClusterId}";
    }

    public string RemoveBackend(RemoveBackend request)
    {
        var cluster = RequireCluster(request.ClusterId);
        if (cluster.Backends.Find(request.BackendId) is not { } removed)
        {
            throw new CommandException($"no backend \"{request.BackendId}\" in cluster \"{request.ClusterId}\"");
        }

        if (request.Address is not null && !EndPointOf(request.Address).Equals(removed.Address))
        {
            throw new CommandException(
                $"backend \"{request.BackendId}\" of cluster \"{request.ClusterId}\" is at {removed.Address}, not {SocketAddresses.Format(request.Address)}");
        }

        var snapshot = Snapshot;
        var runtime = snapshot.Clusters[request.ClusterId];
        removed.Retire();
        runtime.Health.Detach(removed);
        PublishCluster(cluster, snapshot, runtime with { Backends = runtime.Backends.Without(request.BackendId) });
        return $"backend {request.BackendId} removed from cluster {request.ClusterId}";
    }

    /// <summary>Publishes a changed cluster, then lets its waiting requests see the change.</summary>
    private void PublishCluster(ClusterEntry entry, RoutingSnapshot snapshot, ClusterRuntime cluster)
    {
        Publish(snapshot.WithCluster(cluster));
        entry.Backends = cluster.Backends;
        cluster.Queue.Update(cluster);
    }

    private static BasicAuthCredentials ClusterAuth(Cluster config)
    {
        try
        {
            return BasicAuthCredentials.From(config);
        }
        catch (ArgumentException e)
        {
            throw new CommandException($"cluster {config.ClusterId}: {e.Message}");
        }
    }

    private static DefaultAnswers ClusterAnswers(Cluster config)
    {
        try
        {
            return DefaultAnswers.ForCluster(config);
        }
        catch (FormatException e)
        {
            throw new CommandException($"cluster {config.ClusterId}: {e.Message}");
        }
    }
}
