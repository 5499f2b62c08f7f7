namespace Torii.Proxy.Health.Postgres;

/// <summary>Which server a PostgreSQL check accepts, by <c>SELECT pg_is_in_recovery()</c>.</summary>
public enum PostgresRoleRequirement
{
    /// <summary>Any server that authenticates and answers.</summary>
    Any,

    /// <summary>A server not in recovery (accepts writes).</summary>
    Primary,

    /// <summary>A server in recovery (a hot standby).</summary>
    Standby,
}
