namespace Torii.Proxy.Health.Postgres;

/// <summary>
/// What a PostgreSQL check logs in as and what it requires. The password is already resolved (the caller reads
/// password_file) and is never part of <see cref="ToString"/>, so settings can be logged.
/// </summary>
public sealed class PostgresCheckSettings
{
    public PostgresCheckSettings(string user, string? database = null, string? password = null, PostgresRoleRequirement role = PostgresRoleRequirement.Any)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        User = user;
        Database = string.IsNullOrEmpty(database) ? user : database;
        Password = string.IsNullOrEmpty(password) ? null : password;
        Role = role;
    }

    public string User { get; }

    /// <summary>The database to connect to; PostgreSQL's own default, the user's name, when none is given.</summary>
    public string Database { get; }

    public string? Password { get; }

    public PostgresRoleRequirement Role { get; }

    public override string ToString() =>
        $"user={User} database={Database} role={Role} password={(Password is null ? "none" : "set")}";
}
