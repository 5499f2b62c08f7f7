namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>One primary and standby shared by a test class that only reads from them, with a user per authentication method.</summary>
public sealed class PostgresReplicaSetFixture : IAsyncLifetime
{
    public static readonly PostgresLogin TrustLogin = new("torii_trust", PostgresAuthMethod.Trust);
    public static readonly PostgresLogin CleartextLogin = new("torii_cleartext", PostgresAuthMethod.Password, "cleartext-secret");
    public static readonly PostgresLogin Md5Login = new("torii_md5", PostgresAuthMethod.Md5, "md5-secret");
    public static readonly PostgresLogin ScramLogin = new("torii_scram", PostgresAuthMethod.ScramSha256, "scram-secret");

    private PostgresReplicaSet? _servers;

    public static IReadOnlyList<PostgresLogin> Logins { get; } = [TrustLogin, CleartextLogin, Md5Login, ScramLogin];

    public PostgresReplicaSet Servers => _servers ?? throw new InvalidOperationException("the servers start in InitializeAsync");

    public async Task InitializeAsync() => _servers = await PostgresReplicaSet.StartAsync(Logins);

    public async Task DisposeAsync()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
