using Npgsql;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.EndToEnd.Tests.Infrastructure.Postgres;
using static Torii.EndToEnd.Tests.Infrastructure.Postgres.PostgresReplicaSetFixture;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>
/// pgpool-II's promise through the published torii: more PostgreSQL clients than the servers take wait for a
/// slot instead of being refused. The servers themselves enforce the limit (a role CONNECTION LIMIT), so a
/// connection torii let through beyond max_connections fails the client with "too many connections for role".
/// </summary>
public sealed class PostgresQueueingTests
{
    private const int SlotsPerServer = 2;
    private const int Clients = 3 * 2 * SlotsPerServer;

    [Fact]
    public async Task Three_times_more_clients_than_the_backends_take_are_all_served_and_no_server_sees_more_than_its_limit()
    {
        await using var servers = await PostgresReplicaSet.StartAsync(Logins);
        await servers.Primary.ExecuteAsync($"ALTER ROLE \"{Md5Login.Name}\" CONNECTION LIMIT {SlotsPerServer}");
        await servers.WaitForStandbyReplayAsync();
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync($$"""
            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:{{port}}"

            [clusters.pg]
            protocol = "tcp"
            queue_timeout = 60
            frontends = [{ address = "127.0.0.1:{{port}}" }]
            backends = [
              { address = "127.0.0.1:{{servers.Primary.Port}}", backend_id = "primary", max_connections = {{SlotsPerServer}} },
              { address = "127.0.0.1:{{servers.Standby.Port}}", backend_id = "standby", max_connections = {{SlotsPerServer}} },
            ]
            """);

        // Each client holds its server connection for a while, so that the queue really fills.
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = Md5Login.Name,
                Password = Md5Login.Password,
                Database = "postgres",
                Pooling = false,
                Timeout = 60,
                CommandTimeout = 60,
            }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1 FROM pg_sleep(0.3)", connection);
            return (int)(await command.ExecuteScalarAsync())!;
        }));

        var answers = await Task.WhenAll(clients);
        Assert.Equal(Enumerable.Repeat(1, Clients), answers);
        Assert.False(torii.HasExited);
    }
}
