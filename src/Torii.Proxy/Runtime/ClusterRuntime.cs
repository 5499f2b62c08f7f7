using Torii.Protocol;
using Torii.Proxy.Actions;
using Torii.Proxy.Backends;
using Torii.Proxy.Health;
using Torii.Proxy.Http;
using Torii.Proxy.Limits;
using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Metrics;
using Torii.Proxy.Queueing;

namespace Torii.Proxy.Runtime;

/// <summary>One cluster as the data path sees it in a snapshot.</summary>
/// <param name="Metrics">Kept across updates of the cluster's settings: counters only ever restart with the cluster.</param>
public sealed record ClusterRuntime(Cluster Config, BackendSet Backends, ILoadBalancer Balancer, DefaultAnswers Answers, TrafficMetrics Metrics)
{
    public string Id => Config.ClusterId;

    /// <summary>Requests and connections waiting for a backend slot; carried across updates like <see cref="Metrics"/>.</summary>
    public ClusterQueue Queue { get; init; } = new();

    /// <summary>Open client connections by source IP, for max_connections_per_ip; carried across updates like <see cref="Queue"/>.</summary>
    public PerIpConnections IpConnections { get; init; } = new();

    /// <summary>How long a request may wait for a slot: the cluster's queue_timeout, else the listener's connect timeout (as HAProxy).</summary>
    public TimeSpan QueueTimeout(TimeSpan connectTimeout) =>
        Config.HasQueueTimeout ? TimeSpan.FromSeconds(Config.QueueTimeout) : connectTimeout;

    /// <summary>The backends' health and the check's settings; the same object for the cluster's whole life.</summary>
    public ClusterHealth Health { get; init; } = new();

    /// <summary>The active check built from <see cref="Cluster.HealthCheck"/>; null without one.</summary>
    public IHealthProbe? HealthProbe { get; init; }

    /// <summary>The header keying HRW and MAGLEV (<see cref="Cluster.LoadBalancingHeader"/>) as bytes; null: the client address.</summary>
    public byte[]? BalancingHeader { get; init; }

    /// <summary>The Basic credentials and realm that required_auth frontends of this cluster check.</summary>
    public BasicAuthCredentials? Auth { get; init; }

    public bool StickySession => Config.StickySession;

    public bool HttpsRedirect => Config.HttpsRedirect;

    /// <summary>Backends are spoken to in HTTP/2 over cleartext (h2c, prior knowledge) on multiplexed connections.</summary>
    public bool Http2 => Config.Http2;

    /// <summary>Send, or relay what an expect_proxy listener received: the header always names the client the proxy knows.</summary>
    public bool SendProxyProtocol => Config.HasProxyProtocol && Config.ProxyProtocol is ProxyProtocolConfig.SendHeader or ProxyProtocolConfig.RelayHeader;
}
