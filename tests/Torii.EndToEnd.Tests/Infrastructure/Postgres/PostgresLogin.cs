namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>A user the test server creates, with its own pg_hba.conf line; the password is stored as the method needs.</summary>
public sealed record PostgresLogin(string Name, PostgresAuthMethod Method, string? Password = null)
{
    /// <summary>The pg_hba.conf method keyword.</summary>
    public string HbaMethod => Method switch
    {
        PostgresAuthMethod.Trust => "trust",
        PostgresAuthMethod.Password => "password",
        PostgresAuthMethod.Md5 => "md5",
        _ => "scram-sha-256",
    };

    /// <summary>The password_encryption under which the password is set, so the stored verifier suits the method.</summary>
    public string PasswordEncryption => Method == PostgresAuthMethod.Md5 ? "md5" : "scram-sha-256";
}
