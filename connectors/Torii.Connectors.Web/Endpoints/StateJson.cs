using Torii.Connectors.Web.Proxy;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>The state as JSON for scripts holding a bearer token; the frontends' removal requests stay server-side.</summary>
internal static class StateJson
{
    public static object Of(ConsoleState state) => new
    {
        state.Failure,
        state.Listeners,
        Clusters = state.Clusters.Select(cluster => new
        {
            cluster.Id,
            cluster.LoadBalancing,
            cluster.HealthChecked,
            cluster.RequestRate,
            cluster.ErrorRate,
            Frontends = cluster.Frontends.Select(frontend => new { frontend.Protocol, frontend.Address, frontend.Route }),
            cluster.Backends,
        }),
        state.Certificates,
    };
}
