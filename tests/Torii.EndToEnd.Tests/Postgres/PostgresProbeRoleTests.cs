using Torii.EndToEnd.Tests.Infrastructure.Postgres;
using Torii.Proxy.Health.Postgres;
using static Torii.EndToEnd.Tests.Infrastructure.Postgres.PostgresReplicaSetFixture;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>The role a check requires, against a real primary and its streaming-replication standby.</summary>
public sealed class PostgresProbeRoleTests(PostgresReplicaSetFixture fixture) : IClassFixture<PostgresReplicaSetFixture>
{
    private static readonly PostgresCheckSettings RequiresPrimary = Settings(PostgresRoleRequirement.Primary);
    private static readonly PostgresCheckSettings RequiresStandby = Settings(PostgresRoleRequirement.Standby);
    private static readonly PostgresCheckSettings RequiresAny = Settings(PostgresRoleRequirement.Any);

    [Fact]
    public async Task The_primary_passes_a_primary_check_and_fails_a_standby_check()
    {
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresPrimary, fixture.Servers.Primary.EndPoint));
        Assert.Equal(
            "role mismatch: server is a primary, check requires standby",
            ProbeRun.AssertFailed(await ProbeRun.CheckAsync(RequiresStandby, fixture.Servers.Primary.EndPoint)));
    }

    [Fact]
    public async Task The_standby_passes_a_standby_check_and_fails_a_primary_check()
    {
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresStandby, fixture.Servers.Standby.EndPoint));
        Assert.Equal(
            "role mismatch: server is a standby, check requires primary",
            ProbeRun.AssertFailed(await ProbeRun.CheckAsync(RequiresPrimary, fixture.Servers.Standby.EndPoint)));
    }

    [Fact]
    public async Task Any_role_passes_both()
    {
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresAny, fixture.Servers.Primary.EndPoint));
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresAny, fixture.Servers.Standby.EndPoint));
    }

    [Fact]
    public async Task A_backup_backend_only_has_to_answer_whatever_its_role()
    {
        // A read cluster (role standby) keeps the primary as its backup: the primary must pass there.
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresStandby, fixture.Servers.Primary.EndPoint, isBackup: true));
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresPrimary, fixture.Servers.Standby.EndPoint, isBackup: true));
    }

    [Fact]
    public async Task A_backup_backend_still_has_to_authenticate()
    {
        var wrongPassword = new PostgresCheckSettings(Md5Login.Name, "postgres", "wrong", PostgresRoleRequirement.Standby);

        string failure = ProbeRun.AssertFailed(await ProbeRun.CheckAsync(wrongPassword, fixture.Servers.Primary.EndPoint, isBackup: true));

        Assert.StartsWith("authentication failed: 28P01", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_written_on_the_primary_is_read_on_the_standby()
    {
        string marker = Guid.NewGuid().ToString("N");
        await fixture.Servers.Primary.ExecuteAsync($"CREATE TABLE replicated_{marker} (marker text); INSERT INTO replicated_{marker} VALUES ('{marker}')");

        await fixture.Servers.WaitForStandbyReplayAsync();

        Assert.Equal(marker, await fixture.Servers.Standby.QueryScalarAsync<string>($"SELECT marker FROM replicated_{marker}"));
    }

    private static PostgresCheckSettings Settings(PostgresRoleRequirement role) =>
        new(ScramLogin.Name, "postgres", ScramLogin.Password, role);
}
