using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.Health;
using Torii.Proxy.Http;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Metrics;

namespace Torii.Proxy.Runtime;

/// <summary>One cluster as the data path sees it in a snapshot.</summary>
/// <param name="Metrics">Kept across updates of the cluster's settings: counters only ever restart with the cluster.</param>
public sealed record ClusterRuntime(Cluster Config, BackendSet Backends, ILoadBalancer Balancer, DefaultAnswers Answers, TrafficMetrics Metrics)
{
    public string Id => Config.ClusterId;

    /// <summary>The backends' health and the check's settings; the same object for the cluster's whole life.</summary>
    public ClusterHealth Health { get; init; } = new();

    /// <summary>The active check built from <see cref="Cluster.HealthCheck"/>; null without one.</summary>
    public IHealthProbe? HealthProbe { get; init; }

    public bool StickySession => Config.StickySession;

    public bool HttpsRedirect => Config.HttpsRedirect;

    public bool SendProxyProtocol => Config.HasProxyProtocol && Config.ProxyProtocol == ProxyProtocolConfig.SendHeader;
}
