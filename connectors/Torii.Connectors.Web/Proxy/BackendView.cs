namespace Torii.Connectors.Web.Proxy;

/// <param name="Health">"UP", "DOWN", or "unchecked" when the cluster has no health check.</param>
internal sealed record BackendView(
    string Id,
    string Address,
    int Weight,
    bool Backup,
    string Health,
    long Connections,
    double RequestRate,
    double ErrorRate);
