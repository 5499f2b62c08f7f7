using System.Diagnostics;
using Npgsql;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure.Postgres;
using Torii.Protocol;
using static Torii.EndToEnd.Tests.Infrastructure.Postgres.PostgresReplicaSetFixture;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>
/// The PostgreSQL front of examples/postgresql through the published torii: a write port that follows the
/// primary and a read port on the standby, with postgresql health checks against a real streaming replica set.
/// </summary>
public sealed class PostgresFrontTests
{
    private const int IntervalSeconds = 1;
    private const int TimeoutSeconds = 1;
    private const int UnhealthyThreshold = 2;
    private const int HealthyThreshold = 1;

    /// <summary>The bound: interval x unhealthy_threshold plus one interval, and one check's own timeout.</summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds((IntervalSeconds * UnhealthyThreshold) + IntervalSeconds + TimeoutSeconds);

    [Fact]
    public async Task The_write_port_reaches_the_primary_the_read_port_the_standby_and_writes_follow_a_promotion_with_no_command()
    {
        await using var servers = await PostgresReplicaSet.StartAsync(Logins);
        await servers.Primary.ExecuteAsync($"GRANT CREATE ON SCHEMA public TO \"{Md5Login.Name}\"");
        var writePort = FreePort.Next();
        var readPort = FreePort.Next();
        await using var torii = await StartFrontAsync(servers, writePort, readPort, ScramLogin.Password!);

        await WaitUntilAsync(() => AllConsecutiveAsync(writePort, expectedInRecovery: false), "the write port to reach only the primary");
        await WaitUntilAsync(() => AllConsecutiveAsync(readPort, expectedInRecovery: true), "the read port to reach only the standby");

        await ExecuteThroughAsync(writePort, "CREATE TABLE written_through_torii (id int); INSERT INTO written_through_torii VALUES (42)");
        await WaitUntilAsync(
            async () => await ScalarThroughAsync<long>(readPort, "SELECT count(*) FROM written_through_torii WHERE id = 42") == 1,
            "the row written through the write port to be read through the read port");

        await servers.Primary.StopAsync();
        await servers.Standby.PromoteAsync();
        var promoted = Stopwatch.StartNew();
        await WaitUntilAsync(
            async () =>
            {
                await ExecuteThroughAsync(writePort, "INSERT INTO written_through_torii VALUES (43)");
                return true;
            },
            "a write through the write port after the promotion");
        Assert.True(promoted.Elapsed <= FailoverBound, $"writes came back {promoted.Elapsed.TotalSeconds:0.0} s after the promotion, more than {FailoverBound.TotalSeconds} s");
        Assert.False(await ScalarThroughAsync<bool>(writePort, "SELECT pg_is_in_recovery()"));

        var health = await HealthOfAsync(torii, "pg-primary");
        Assert.False(health.Single(status => status.BackendId == "first").Up);
        Assert.True(health.Single(status => status.BackendId == "second").Up);
    }

    [Fact]
    public async Task A_wrong_password_marks_the_backend_down_with_the_server_s_reason_and_is_never_logged()
    {
        await using var servers = await PostgresReplicaSet.StartAsync(Logins);
        const string wrongPassword = "not-the-scram-secret";
        await using var torii = await StartFrontAsync(servers, FreePort.Next(), FreePort.Next(), wrongPassword);

        BackendHealthStatus? primary = null;
        await WaitUntilAsync(
            async () =>
            {
                primary = (await HealthOfAsync(torii, "pg-primary")).Single(status => status.BackendId == "first");
                return !primary.Up && primary.HasLastFailure;
            },
            "the primary to be DOWN for a wrong password");
        Assert.Contains("28P01", primary!.LastFailure, StringComparison.Ordinal);
        Assert.Contains(ScramLogin.Name, primary.LastFailure, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, torii.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, primary.LastFailure, StringComparison.Ordinal);
    }

    private static async Task<ToriiProcess> StartFrontAsync(PostgresReplicaSet servers, int writePort, int readPort, string password)
    {
        var directory = Directory.CreateTempSubdirectory("torii-e2e-pg-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "health.password"), password + "\n");
        return await ToriiProcess.StartAsync($$"""
            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:{{writePort}}"

            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:{{readPort}}"

            [clusters.pg-primary]
            protocol = "tcp"
            frontends = [{ address = "127.0.0.1:{{writePort}}" }]
            backends = [
              { address = "127.0.0.1:{{servers.Primary.Port}}", backend_id = "first" },
              { address = "127.0.0.1:{{servers.Standby.Port}}", backend_id = "second" },
            ]

            [clusters.pg-primary.health_check]
            {{HealthCheck("primary")}}
            fail_open = false

            [clusters.pg-standbys]
            protocol = "tcp"
            frontends = [{ address = "127.0.0.1:{{readPort}}" }]
            backends = [
              { address = "127.0.0.1:{{servers.Standby.Port}}", backend_id = "second" },
              { address = "127.0.0.1:{{servers.Primary.Port}}", backend_id = "first-reads", backup = true },
            ]

            [clusters.pg-standbys.health_check]
            {{HealthCheck("standby")}}
            """, directory);
    }

    private static string HealthCheck(string role) => $"""
        kind = "postgresql"
        role = "{role}"
        user = "{ScramLogin.Name}"
        database = "postgres"
        password_file = "health.password"
        interval = {IntervalSeconds}
        timeout = {TimeoutSeconds}
        healthy_threshold = {HealthyThreshold}
        unhealthy_threshold = {UnhealthyThreshold}
        """;

    private static async Task<IReadOnlyList<BackendHealthStatus>> HealthOfAsync(ToriiProcess torii, string clusterId)
    {
        var response = await torii.MustAsync(new Request { QueryHealthChecks = new QueryHealthChecks { ClusterId = clusterId } });
        return [.. response.Content.HealthChecksList.Backends.Where(status => status.ClusterId == clusterId)];
    }

    /// <summary>Six new connections in a row all land on a server of the expected role (the two backends alternate otherwise).</summary>
    private static async Task<bool> AllConsecutiveAsync(int port, bool expectedInRecovery)
    {
        for (var i = 0; i < 6; i++)
        {
            if (await ScalarThroughAsync<bool>(port, "SELECT pg_is_in_recovery()") != expectedInRecovery)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<T> ScalarThroughAsync<T>(int port, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringThrough(port));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteThroughAsync(int port, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringThrough(port));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The application's own login, through torii, without pooling: every query is a new connection torii routes.</summary>
    private static string ConnectionStringThrough(int port) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = Md5Login.Name,
        Password = Md5Login.Password,
        Database = "postgres",
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>Polls <paramref name="condition"/> (an exception counts as not yet) until it holds, for at most 60 s.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                last = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"waited 60 s for {what}" + (last is null ? string.Empty : $"; last error: {last.Message}"));
    }
}
