using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.Health;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.State;

public sealed partial class ConfigState
{
    private const string HiddenPassword = "(hidden)";

    /// <summary>Sets or replaces a cluster's health check; its backends keep their health.</summary>
    public string SetHealthCheck(SetHealthCheck request)
    {
        var entry = RequireCluster(request.ClusterId);
        var probe = HealthProbeFactory.Create(request.Config);
        if (request.Config.Equals(entry.Config.HealthCheck))
        {
            return $"health check of cluster {request.ClusterId} unchanged";
        }

        var config = entry.Config.Clone();
        config.HealthCheck = request.Config.Clone();
        entry.Config = config;
        var snapshot = Snapshot;
        var runtime = snapshot.Clusters[request.ClusterId];
        Publish(snapshot.WithCluster(runtime with { Config = config, HealthProbe = probe }));
        ConfigureHealth(runtime.Health, config);
        return $"health check of cluster {request.ClusterId} set: {Describe(config.HealthCheck)}";
    }

    /// <summary>Stops checking the cluster: every backend is up again at once.</summary>
    public string RemoveHealthCheck(string clusterId)
    {
        var entry = RequireCluster(clusterId);
        if (entry.Config.HealthCheck is null)
        {
            throw new CommandException($"cluster \"{clusterId}\" has no health check");
        }

        var config = entry.Config.Clone();
        config.HealthCheck = null;
        entry.Config = config;
        var snapshot = Snapshot;
        var runtime = snapshot.Clusters[clusterId];
        Publish(snapshot.WithCluster(runtime with { Config = config, HealthProbe = null }));
        runtime.Health.Disable(runtime.Backends.All);
        return $"health check of cluster {clusterId} removed; its {runtime.Backends.Count} backends are up";
    }

    /// <summary>The checks (passwords hidden) and the health of the checked clusters' backends.</summary>
    public HealthChecksList QueryHealthChecks(QueryHealthChecks query)
    {
        if (query.HasClusterId)
        {
            RequireCluster(query.ClusterId);
        }

        var list = new HealthChecksList();
        var snapshot = Snapshot;
        foreach (var (clusterId, entry) in _clusters)
        {
            if (entry.Config.HealthCheck is not { } healthCheck || (query.HasClusterId && query.ClusterId != clusterId))
            {
                continue;
            }

            list.Map[clusterId] = Redacted(healthCheck);
            list.Backends.AddRange(HealthOf(snapshot.Clusters[clusterId]));
        }

        return list;
    }

    private static IEnumerable<BackendHealthStatus> HealthOf(ClusterRuntime runtime)
    {
        var statuses = new List<BackendHealthStatus>(runtime.Backends.Count);
        foreach (var backend in runtime.Backends.All)
        {
            statuses.Add(backend.Health.ToStatus(backend, runtime.Health.IsChecked));
        }

        return statuses;
    }

    private void ConfigureHealth(ClusterHealth health, Cluster config)
    {
        health.Events = Events;
        if (config.HealthCheck is { } healthCheck)
        {
            health.Configure(config.ClusterId, healthCheck);
        }
    }

    private static HealthCheckConfig Redacted(HealthCheckConfig config)
    {
        if (!config.HasPassword)
        {
            return config.Clone();
        }

        var redacted = config.Clone();
        redacted.Password = HiddenPassword;
        return redacted;
    }

    /// <summary>
    /// The configuration as answers show it. Without a password to hide it is the state's own object, as
    /// the frontends and backends beside it in an answer are: a change replaces a cluster's configuration,
    /// never edits it, and hashing 100,000 clusters for `cluster list` copied every one of them.
    /// </summary>
    private static Cluster Redacted(Cluster config)
    {
        if (config.HealthCheck is not { HasPassword: true })
        {
            return config;
        }

        var redacted = config.Clone();
        redacted.HealthCheck = Redacted(config.HealthCheck);
        return redacted;
    }

    private static string Describe(HealthCheckConfig config) => config.Kind switch
    {
        HealthCheckKind.HealthCheckHttp => $"http {(config.HasMethod ? config.Method : "GET")} {config.Uri} every {config.Interval} s",
        HealthCheckKind.HealthCheckTcp => $"tcp connect every {config.Interval} s",
        _ => $"postgresql as {config.User} every {config.Interval} s",
    };
}
