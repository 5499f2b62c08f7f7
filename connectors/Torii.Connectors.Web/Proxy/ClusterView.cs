namespace Torii.Connectors.Web.Proxy;

internal sealed record ClusterView(
    string Id,
    string LoadBalancing,
    bool HealthChecked,
    IReadOnlyList<FrontendView> Frontends,
    IReadOnlyList<BackendView> Backends,
    double RequestRate,
    double ErrorRate);
