namespace Torii.Proxy.Health.Postgres;

/// <summary>A check that failed for a reason worth showing an operator as is; never carries a secret.</summary>
internal sealed class PostgresCheckException(string reason) : Exception(reason);
