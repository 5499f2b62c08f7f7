namespace Torii.Protocol;

/// <summary>The kinds of state item, in the order they are added: each may need those before it.</summary>
public enum StateItemKind
{
    Listener,
    Cluster,
    Backend,
    HealthCheck,
    Certificate,
    Frontend,
    Activation,
}
