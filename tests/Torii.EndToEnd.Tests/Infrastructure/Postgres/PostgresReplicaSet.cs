using System.Diagnostics;

namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>
/// A primary and its streaming-replication standby, each on its own loopback port, in one folder of their own
/// (on tmpfs when there is one) that disposing stops and removes.
/// </summary>
public sealed class PostgresReplicaSet : IAsyncDisposable
{
    private readonly string _folder;

    private PostgresReplicaSet(string folder, PostgresServer primary, PostgresServer standby)
    {
        _folder = folder;
        Primary = primary;
        Standby = standby;
    }

    public PostgresServer Primary { get; }

    public PostgresServer Standby { get; }

    public static async Task<PostgresReplicaSet> StartAsync(IReadOnlyList<PostgresLogin> logins)
    {
        string parent = System.IO.Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string folder = System.IO.Directory.CreateDirectory(Path.Combine(parent, $"torii-pg-{Guid.NewGuid():N}")).FullName;
        PostgresServer? primary = null;
        try
        {
            primary = await PostgresServer.StartPrimaryAsync(folder, "primary", logins);
            PostgresServer standby = await PostgresServer.StartStandbyAsync(primary, folder, "standby");
            return new PostgresReplicaSet(folder, primary, standby);
        }
        catch
        {
            if (primary is not null)
            {
                await primary.DisposeAsync();
            }

            System.IO.Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Returns once the standby has replayed everything the primary has written so far.</summary>
    public async Task WaitForStandbyReplayAsync()
    {
        TimeSpan limit = TimeSpan.FromSeconds(30);
        string written = await Primary.QueryScalarAsync<string>("SELECT pg_current_wal_lsn()::text");
        long started = Stopwatch.GetTimestamp();
        while (!await Standby.QueryScalarAsync<bool>($"SELECT coalesce(pg_last_wal_replay_lsn() >= '{written}'::pg_lsn, false)"))
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"the standby did not replay the primary's WAL up to {written} within {limit.TotalSeconds:0} s");
            }

            await Task.Delay(10); // poll interval of a condition with a deadline
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Standby.DisposeAsync();
        await Primary.DisposeAsync();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
