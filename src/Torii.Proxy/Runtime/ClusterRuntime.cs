using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.Http;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Runtime;

/// <summary>One cluster as the data path sees it in a snapshot.</summary>
public sealed record ClusterRuntime(Cluster Config, BackendSet Backends, ILoadBalancer Balancer, DefaultAnswers Answers)
{
    public string Id => Config.ClusterId;

    public bool StickySession => Config.StickySession;

    public bool HttpsRedirect => Config.HttpsRedirect;

    public bool SendProxyProtocol => Config.HasProxyProtocol && Config.ProxyProtocol == ProxyProtocolConfig.SendHeader;
}
