using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Npgsql;

namespace Torii.EndToEnd.Tests.Infrastructure.Postgres;

/// <summary>
/// One PostgreSQL 15 server of the tests: its own data folder, a free loopback port, its UNIX socket in its own
/// folder, controlled with pg_ctl (whose -w waits for the server to accept connections, not for a fixed time).
/// Disposing stops it; a test process that exits with servers still running stops them too.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Superuser = "postgres";

    // Throw-away servers: durability is not under test, and this machine's fsync is slow.
    private const string CommonSettings = """

        listen_addresses = '127.0.0.1'
        fsync = off
        full_page_writes = off
        shared_buffers = 16MB
        max_connections = 60
        wal_level = replica
        max_wal_senders = 5
        hot_standby = on
        logging_collector = off
        log_connections = on
        """;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly ConcurrentDictionary<PostgresServer, bool> Running = new();

    static PostgresServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllImmediately();

    private PostgresServer(string dataDirectory, string socketDirectory, int port)
    {
        DataDirectory = dataDirectory;
        SocketDirectory = socketDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public string SocketDirectory { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public string LogFile => DataDirectory + ".log";

    public bool IsRunning => Running.ContainsKey(this);

    /// <summary>Creates and starts a primary in <paramref name="folder"/>/<paramref name="name"/> with the given users.</summary>
    public static async Task<PostgresServer> StartPrimaryAsync(string folder, string name, IReadOnlyList<PostgresLogin> logins)
    {
        PostgresServer server = await CreateFoldersAsync(folder, name);
        await PostgresBinaries.RunAsync("initdb", ["-D", server.DataDirectory, "-U", Superuser, "--auth=trust", "--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"], CommandTimeout);
        await File.WriteAllTextAsync(Path.Combine(server.DataDirectory, "pg_hba.conf"), HostBasedAuthentication(logins));
        await File.AppendAllTextAsync(Path.Combine(server.DataDirectory, "postgresql.conf"), CommonSettings + server.OwnSettings);
        await server.StartAsync();
        foreach (PostgresLogin login in logins)
        {
            await server.CreateLoginAsync(login);
        }

        return server;
    }

    /// <summary>A streaming-replication standby of <paramref name="primary"/>: pg_basebackup -R, then its own port and socket.</summary>
    public static async Task<PostgresServer> StartStandbyAsync(PostgresServer primary, string folder, string name)
    {
        PostgresServer server = await CreateFoldersAsync(folder, name);
        await PostgresBinaries.RunAsync(
            "pg_basebackup",
            ["-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, "-D", server.DataDirectory, "-R", "-X", "stream", "-c", "fast", "--no-sync"],
            CommandTimeout);

        // The copied postgresql.conf names the primary's port and socket; later lines win.
        await File.AppendAllTextAsync(Path.Combine(server.DataDirectory, "postgresql.conf"), server.OwnSettings);
        await server.StartAsync();
        return server;
    }

    /// <summary>A connection string for the superuser over TCP; no pooling, so nothing stays connected after a test.</summary>
    public string ConnectionString(string user = Superuser, string? password = null) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = user,
            Password = password,
            Database = "postgres",
            Pooling = false,
            Timeout = 15,
        }.ConnectionString;

    public async Task<T> QueryScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task StartAsync()
    {
        // Counted as running from the first moment, so that disposal stops a server whose start timed out.
        Running[this] = true;
        try
        {
            await PostgresBinaries.RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "90", "start"], CommandTimeout);
        }
        catch (InvalidOperationException failure)
        {
            string log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no log)";
            throw new InvalidOperationException($"{failure.Message}\n--- server log ---\n{log}", failure);
        }
    }

    /// <summary>pg_ctl stop -m fast: clients are disconnected, the server shuts down cleanly.</summary>
    public async Task StopAsync()
    {
        await PostgresBinaries.RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "90", "stop"], CommandTimeout);
        Running.TryRemove(this, out _);
    }

    /// <summary>Promotes a standby to primary and returns once it has left recovery (pg_ctl promote -w).</summary>
    public Task PromoteAsync() => PostgresBinaries.RunAsync("pg_ctl", ["-D", DataDirectory, "-w", "-t", "90", "promote"], CommandTimeout);

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            try
            {
                await PostgresBinaries.RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"], CommandTimeout);
            }
            catch (InvalidOperationException)
            {
                KillPostmaster();
            }

            Running.TryRemove(this, out _);
        }
    }

    private string OwnSettings => $"""

        port = {Port}
        unix_socket_directories = '{SocketDirectory}'
        """ + "\n";

    private static async Task<PostgresServer> CreateFoldersAsync(string folder, string name)
    {
        string socketDirectory = System.IO.Directory.CreateDirectory(Path.Combine(folder, name + ".sock")).FullName;
        await PostgresBinaries.HandOverAsync(folder);
        return new PostgresServer(Path.Combine(folder, name), socketDirectory, FreePort.Next());
    }

    /// <summary>The superuser over the socket and loopback (also for replication), one line per login, then anyone by trust.</summary>
    private static string HostBasedAuthentication(IReadOnlyList<PostgresLogin> logins)
    {
        var lines = new List<string>
        {
            "local all all trust",
            $"host replication {Superuser} 127.0.0.1/32 trust",
            $"host all {Superuser} 127.0.0.1/32 trust",
        };
        lines.AddRange(logins.Select(login => $"host all {login.Name} 127.0.0.1/32 {login.HbaMethod}"));

        // An unknown user passes pg_hba and is refused by PostgreSQL itself: "role ... does not exist".
        lines.Add("host all all 127.0.0.1/32 trust");
        return string.Join('\n', lines) + "\n";
    }

    private async Task CreateLoginAsync(PostgresLogin login)
    {
        string password = login.Password is null ? "NULL" : $"'{login.Password.Replace("'", "''", StringComparison.Ordinal)}'";
        await ExecuteAsync(
            $"SET password_encryption = '{login.PasswordEncryption}'; " +
            $"CREATE ROLE \"{login.Name}\" LOGIN PASSWORD {password}; " +
            $"GRANT pg_monitor TO \"{login.Name}\"");
    }

    private void KillPostmaster()
    {
        string pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out int pid))
        {
            try
            {
                using var postmaster = System.Diagnostics.Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private static void StopAllImmediately()
    {
        foreach (PostgresServer server in Running.Keys)
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
