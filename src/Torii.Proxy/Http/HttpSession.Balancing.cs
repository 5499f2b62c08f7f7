using Torii.Proxy.LoadBalancing;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>The key a keyed balancer (HRW, MAGLEV) places the current request by.</summary>
public sealed partial class HttpSession
{
    /// <summary>
    /// The cluster's load_balancing_header value when the request carries it, else the client's address;
    /// 0 without computing anything for the balancers that take no key.
    /// </summary>
    private ulong BalancingKeyFor(ClusterRuntime cluster)
    {
        if (!cluster.Balancer.IsKeyed)
        {
            return 0;
        }

        return cluster.BalancingHeader is { } header && _request.TryGetHeader(header, out var value) && !value.IsEmpty
            ? BalancingKey.Of(value)
            : BalancingKey.Of(_clientAddress.Address);
    }
}
