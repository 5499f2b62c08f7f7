namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>How the test server authenticates a user over TCP (its pg_hba.conf method).</summary>
public enum PostgresAuthMethod
{
    Trust,

    /// <summary>The password in cleartext (pg_hba "password").</summary>
    Password,
    Md5,
    ScramSha256,
}
