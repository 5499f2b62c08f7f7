using Torii.EndToEnd.Tests.Infrastructure.Postgres;
using Torii.Proxy.Health.Postgres;
using static Torii.EndToEnd.Tests.Infrastructure.Postgres.PostgresReplicaSetFixture;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>A primary that stops and a standby that is promoted, on servers of this test alone.</summary>
public sealed class PostgresProbeFailoverTests
{
    private static readonly PostgresCheckSettings RequiresPrimary = new(Md5Login.Name, "postgres", Md5Login.Password, PostgresRoleRequirement.Primary);

    [Fact]
    public async Task After_the_primary_stops_and_the_standby_is_promoted_the_old_standby_passes_as_primary()
    {
        await using PostgresReplicaSet servers = await PostgresReplicaSet.StartAsync(Logins);
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresPrimary, servers.Primary.EndPoint));
        Assert.StartsWith("role mismatch", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(RequiresPrimary, servers.Standby.EndPoint)), StringComparison.Ordinal);

        await servers.Primary.StopAsync();
        Assert.Equal("connect failed: connection refused", ProbeRun.AssertFailed(await ProbeRun.CheckAsync(RequiresPrimary, servers.Primary.EndPoint)));

        await servers.Standby.PromoteAsync();
        ProbeRun.AssertHealthy(await ProbeRun.CheckAsync(RequiresPrimary, servers.Standby.EndPoint));
        await servers.Standby.ExecuteAsync("CREATE TABLE written_after_promotion (id int); INSERT INTO written_after_promotion VALUES (1)");
    }
}
