using System.Net.Sockets;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>max_connections_per_ip: open client connections per (cluster, client IP), 429 or a closed TCP connection beyond it.</summary>
public sealed class PerIpLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Http_beyond_the_limit_gets_429_with_retry_after_and_is_served_again_once_a_connection_closes()
    {
        // The PROXY header names the client, so one test machine can be several clients.
        await using var proxy = await HttpProxyFixture.StartAsync("max_connections_per_ip = 1\nretry_after = 17", "expect_proxy = true");
        await proxy.RouteAppToFirstAsync();
        var alice = ProxyHeaders.V1("203.0.113.1", "198.51.100.1");
        var bob = ProxyHeaders.V2("203.0.113.2", "198.51.100.1");

        var first = await ServedAsync(proxy.HttpPort, alice);
        await using var second = await ServedAsync(proxy.HttpPort, bob);
        await using (var third = await ProxiedClient.HttpAsync(proxy.HttpPort, alice))
        {
            var refused = await third.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n");
            Assert.Equal(429, refused.StatusCode);
            Assert.Equal("17", refused.Header("Retry-After"));
            Assert.True(await third.IsClosedByPeerAsync(Patience));
        }

        // The first connection is still open and still served (it holds the slot).
        Assert.Equal(200, (await first.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
        await first.DisposeAsync();
        await using var again = await EventuallyServedAsync(proxy.HttpPort, alice);
        await MetricsWatch.ProxyMetricAsync(proxy.Torii, "connections.rejected_per_cluster_ip", metric => metric.Count >= 1);
    }

    [Fact]
    public async Task Cluster_values_override_the_global_ones_and_each_cluster_counts_apart()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("max_connections_per_ip = 1");
        await proxy.Torii.MustAsync(new Request { AddCluster = new Cluster { ClusterId = "app", MaxConnectionsPerIp = 2, RetryAfter = 0 } });
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "first", proxy.First));
        await proxy.Torii.MustAsync(new Request { AddCluster = new Cluster { ClusterId = "open", MaxConnectionsPerIp = 0 } });
        await proxy.Torii.MustAsync(Requests.AddFrontend("open", proxy.HttpPort, "open.test"));
        await proxy.Torii.MustAsync(Requests.Backend("open", "second", proxy.Second));

        await using var one = await OpenServedAsync(proxy.HttpPort, "app.test");
        await using var two = await OpenServedAsync(proxy.HttpPort, "app.test");
        var refused = await RawHttpConnection.GetAsync(proxy.HttpPort, "app.test", "/");
        Assert.Equal(429, refused.StatusCode);
        Assert.Null(refused.Header("Retry-After"));

        var unlimited = new List<RawHttpConnection>();
        for (var i = 0; i < 4; i++)
        {
            unlimited.Add(await OpenServedAsync(proxy.HttpPort, "open.test"));
        }

        foreach (var connection in unlimited)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Tcp_connection_beyond_the_limit_is_closed_and_one_is_accepted_again_after_a_close()
    {
        using var echo = new TcpEchoServer("echo");
        var tcpPort = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync("");
        await torii.MustAsync(Requests.TcpListener(tcpPort));
        await torii.MustAsync(new Request { AddCluster = new Cluster { ClusterId = "db", MaxConnectionsPerIp = 1 } });
        await torii.MustAsync(Requests.TcpFrontend("db", tcpPort));
        await torii.MustAsync(Requests.Backend("db", "echo", echo.Port));

        var first = await EchoedAsync(tcpPort);
        using (var second = await ProxiedClient.ConnectAsync(tcpPort, "ping"u8.ToArray()))
        {
            Assert.True(await ProxiedClient.ClosedUnansweredAsync(second, Patience));
        }

        first.Dispose();
        using var third = await EventuallyAsync(async () =>
        {
            var socket = await ProxiedClient.ConnectAsync(tcpPort, "ping"u8.ToArray());
            var buffer = new byte[64];
            using var patience = new CancellationTokenSource(Patience);
            try
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token) > 0)
                {
                    return socket;
                }
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Refused: the proxy closed it with the request unread.
            }

            socket.Dispose();
            return null;
        });
        await MetricsWatch.ProxyMetricAsync(torii, "connections.rejected_per_cluster_ip", metric => metric.Count >= 1);
    }

    [Fact]
    public async Task Limit_is_set_and_shown_by_the_cli_saved_with_the_state_and_a_bad_value_changes_nothing()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        Assert.Contains("unlimited", (await proxy.Torii.CliAsync("limits", "show")).StandardOutput);

        var set = await proxy.Torii.CliAsync("limits", "set-per-ip", "3");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("max connections per IP: 3", (await proxy.Torii.CliAsync("limits", "show")).StandardOutput);

        var refused = await proxy.Torii.SendAsync(new Request { SetMaxConnectionsPerIp = 5_000_000 });
        Assert.Equal(ResponseStatus.Failure, refused.Status);
        Assert.Contains("outside 0..1000000", refused.Message);
        var query = await proxy.Torii.MustAsync(new Request { QueryMaxConnectionsPerIp = new QueryMaxConnectionsPerIp() });
        Assert.Equal(3UL, query.Content.MaxConnectionsPerIpLimit.Limit);

        var cluster = await proxy.Torii.CliAsync("cluster", "add", "--id", "app", "--max-connections-per-ip", "1", "--retry-after", "5");
        Assert.True(cluster.ExitCode == 0, cluster.ToString());
        var badCluster = await proxy.Torii.SendAsync(new Request { AddCluster = new Cluster { ClusterId = "app", MaxConnectionsPerIp = 2_000_000 } });
        Assert.Equal(ResponseStatus.Failure, badCluster.Status);
        var stored = await proxy.Torii.MustAsync(new Request { QueryClusterById = "app" });
        Assert.Equal(1UL, stored.Content.Clusters.Vec[0].Configuration.MaxConnectionsPerIp);
        Assert.Equal(5U, stored.Content.Clusters.Vec[0].Configuration.RetryAfter);

        var statePath = Path.Combine(proxy.Torii.Directory, "state.json");
        await proxy.Torii.MustAsync(new Request { SaveState = statePath });
        Assert.StartsWith("{\"set_max_connections_per_ip\":\"3\"}", (await File.ReadAllLinesAsync(statePath))[0].Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    private static async Task<RawHttpConnection> ServedAsync(int port, byte[] header)
    {
        var connection = await ProxiedClient.HttpAsync(port, header);
        Assert.Equal(200, (await connection.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
        return connection;
    }

    private static async Task<RawHttpConnection> OpenServedAsync(int port, string host)
    {
        var connection = await RawHttpConnection.OpenAsync(port);
        Assert.Equal(200, (await connection.SendAsync($"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n")).StatusCode);
        return connection;
    }

    /// <summary>The proxy learns of a client's close asynchronously: a new connection is tried until it is served.</summary>
    private static Task<RawHttpConnection> EventuallyServedAsync(int port, byte[] header) => EventuallyAsync(async () =>
    {
        var connection = await ProxiedClient.HttpAsync(port, header);
        if ((await connection.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode == 200)
        {
            return connection;
        }

        await connection.DisposeAsync();
        return null;
    });

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> attempt)
        where T : class
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            if (await attempt() is { } done)
            {
                return done;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
        }
    }

    private static async Task<Socket> EchoedAsync(int port)
    {
        var socket = await ProxiedClient.ConnectAsync(port, "ping"u8.ToArray());
        var buffer = new byte[64];
        var read = await socket.ReceiveAsync(buffer);
        Assert.Equal("echo:ping", Encoding.ASCII.GetString(buffer, 0, read));
        return socket;
    }
}
