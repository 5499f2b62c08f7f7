using Torii.EndToEnd.Tests.Infrastructure.Postgres;
using Torii.Proxy.Health.Postgres;
using static Torii.EndToEnd.Tests.Infrastructure.Postgres.PostgresReplicaSetFixture;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>The PostgreSQL check logs in to a real PostgreSQL 15 with each authentication method pg_hba.conf offers.</summary>
public sealed class PostgresProbeAuthenticationTests(PostgresReplicaSetFixture fixture) : IClassFixture<PostgresReplicaSetFixture>
{
    private PostgresServer Primary => fixture.Servers.Primary;

    public static TheoryData<string> LoginNames => [.. Logins.Select(login => login.Name)];

    [Theory]
    [MemberData(nameof(LoginNames))]
    public async Task Each_authentication_method_passes_with_the_right_password(string name)
    {
        PostgresLogin login = Logins.Single(candidate => candidate.Name == name);

        var result = await ProbeRun.CheckAsync(new PostgresCheckSettings(login.Name, "postgres", login.Password), Primary.EndPoint);

        ProbeRun.AssertHealthy(result);
    }

    [Theory]
    [InlineData("torii_cleartext")]
    [InlineData("torii_md5")]
    [InlineData("torii_scram")]
    public async Task A_wrong_password_fails_with_the_servers_authentication_error(string name)
    {
        const string wrongPassword = "not-the-password";

        var result = await ProbeRun.CheckAsync(new PostgresCheckSettings(name, "postgres", wrongPassword), Primary.EndPoint);

        string failure = ProbeRun.AssertFailed(result);
        Assert.Equal($"authentication failed: 28P01 password authentication failed for user \"{name}\"", failure);
        Assert.DoesNotContain(wrongPassword, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_user_without_a_configured_password_fails_saying_so()
    {
        var result = await ProbeRun.CheckAsync(new PostgresCheckSettings(ScramLogin.Name, "postgres"), Primary.EndPoint);

        Assert.Equal("authentication failed: the server asks a SCRAM-SHA-256 password for user torii_scram and the check has none", ProbeRun.AssertFailed(result));
    }

    [Fact]
    public async Task An_unknown_user_fails_with_the_servers_reason()
    {
        var result = await ProbeRun.CheckAsync(new PostgresCheckSettings("torii_nobody", "postgres"), Primary.EndPoint);

        Assert.Equal("authentication failed: 28000 role \"torii_nobody\" does not exist", ProbeRun.AssertFailed(result));
    }

    [Fact]
    public async Task An_unknown_database_fails_at_startup()
    {
        var result = await ProbeRun.CheckAsync(new PostgresCheckSettings(TrustLogin.Name), Primary.EndPoint);

        // The database defaults to the user's name, as PostgreSQL's own clients do; there is no such database here.
        Assert.Equal("startup failed: 3D000 database \"torii_trust\" does not exist", ProbeRun.AssertFailed(result));
    }

    [Fact]
    public async Task The_check_logs_in_under_its_application_name()
    {
        var result = await ProbeRun.CheckAsync(new PostgresCheckSettings(ScramLogin.Name, "postgres", ScramLogin.Password), Primary.EndPoint);
        ProbeRun.AssertHealthy(result);

        // log_connections: the server writes this line before it answers ReadyForQuery, so it is there once the check passed.
        Assert.Contains(
            "connection authorized: user=torii_scram database=postgres application_name=torii-health-check",
            await File.ReadAllTextAsync(Primary.LogFile),
            StringComparison.Ordinal);
    }
}
