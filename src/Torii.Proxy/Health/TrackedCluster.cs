using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Health;

/// <summary>A checked cluster as the scheduler last saw it in a snapshot, with one schedule entry per backend.</summary>
internal sealed class TrackedCluster(ClusterRuntime runtime)
{
    public ClusterRuntime Runtime { get; private set; } = runtime;

    public HealthCheckConfig Config => Runtime.Config.HealthCheck!;

    public IHealthProbe Probe => Runtime.HealthProbe!;

    public ClusterHealth Health => Runtime.Health;

    public long IntervalMs => Config.Interval * 1000L;

    public Dictionary<Backend, ScheduledCheck> Checks { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The snapshot generation in which the cluster was last seen with a check.</summary>
    public long Generation { get; set; }

    public void Update(ClusterRuntime runtime) => Runtime = runtime;

    public void CancelAll()
    {
        foreach (var check in Checks.Values)
        {
            check.Cancel();
        }

        Checks.Clear();
    }
}
