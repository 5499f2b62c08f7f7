namespace Torii.Protocol;

/// <summary>The kinds of state item, in the order they are added: each may need those before it.</summary>
public enum StateItemKind
{
    /// <summary>The global max_connections_per_ip: in force before any listener accepts.</summary>
    PerIpLimit,
    Listener,
    Cluster,
    Backend,
    HealthCheck,
    Certificate,
    Frontend,
    Activation,
}
