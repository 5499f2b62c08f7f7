using System.Net;
using System.Net.Sockets;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>Per-backend max_connections and the cluster queue, through the real proxy.</summary>
public sealed class QueueingTests
{
    private const int MaxConnectionsEach = 2;
    private const int Clients = 3 * 2 * MaxConnectionsEach;

    [Fact]
    public async Task Http_clients_beyond_the_backends_limits_wait_and_are_all_served()
    {
        using var first = GatedBackend.Http();
        using var second = GatedBackend.Http();
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(HttpConfig(port, queueTimeout: 30, first, second));

        var responses = await ServeBeyondTheLimitsAsync(torii, "app", first, second, i => RawHttpConnection.GetAsync(port, "app.test", $"/{i}"));

        Assert.All(responses, response => Assert.Equal(200, response.StatusCode));
        await MetricsWatch.ClusterMetricAsync(torii, "app", "queue.waiting", metric => metric.Gauge == 0);
        var waits = await MetricsWatch.ClusterMetricAsync(torii, "app", "queue.wait.time", metric => metric.Histogram is not null);
        Assert.Equal((ulong)(Clients - (2 * MaxConnectionsEach)), waits.Histogram.Count);
    }

    [Fact]
    public async Task Http_requests_that_wait_longer_than_queue_timeout_get_a_503_that_says_so()
    {
        using var backend = GatedBackend.Http();
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(HttpConfig(port, queueTimeout: 1, backend));

        var held = Enumerable.Range(0, MaxConnectionsEach).Select(i => RawHttpConnection.GetAsync(port, "app.test", $"/held{i}")).ToList();
        await backend.HoldingAsync(MaxConnectionsEach);
        var excess = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => RawHttpConnection.GetAsync(port, "app.test", $"/excess{i}"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(excess, response =>
        {
            Assert.Equal(503, response.StatusCode);
            Assert.Contains("no backend slot freed within queue_timeout", response.Body, StringComparison.Ordinal);
        });
        var timeouts = await MetricsWatch.ClusterMetricAsync(torii, "app", "queue.timeout", metric => metric.Count == 3);
        Assert.Equal(3, timeouts.Count);

        backend.Open();
        Assert.All(await Task.WhenAll(held), response => Assert.Equal(200, response.StatusCode));
        Assert.Equal(MaxConnectionsEach, backend.Peak);
    }

    [Fact]
    public async Task Tcp_connections_beyond_the_backends_limits_wait_and_are_all_served()
    {
        using var first = GatedBackend.Tcp();
        using var second = GatedBackend.Tcp();
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(TcpConfig(port, queueTimeout: 30, first, second));

        var received = await ServeBeyondTheLimitsAsync(torii, "db", first, second, _ => ReadAllAsync(port));

        Assert.All(received, text => Assert.Equal("bye", text));
    }

    [Fact]
    public async Task Tcp_connections_that_wait_longer_than_queue_timeout_are_closed()
    {
        using var backend = GatedBackend.Tcp();
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(TcpConfig(port, queueTimeout: 1, backend));
        var held = Enumerable.Range(0, MaxConnectionsEach).Select(_ => ReadAllAsync(port)).ToList();
        await backend.HoldingAsync(MaxConnectionsEach);

        var excess = await ReadAllAsync(port).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(string.Empty, excess);
        await MetricsWatch.ClusterMetricAsync(torii, "db", "queue.timeout", metric => metric.Count == 1);
        backend.Open();
        Assert.All(await Task.WhenAll(held), text => Assert.Equal("bye", text));
        Assert.Equal(MaxConnectionsEach, backend.Peak);
    }

    [Fact]
    public async Task Clients_that_leave_while_waiting_are_removed_from_the_queue()
    {
        using var http = GatedBackend.Http();
        using var tcp = GatedBackend.Tcp();
        var httpPort = FreePort.Next();
        var tcpPort = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(HttpConfig(httpPort, queueTimeout: 60, http) + "\n" + TcpConfig(tcpPort, queueTimeout: 60, tcp));
        var heldHttp = Enumerable.Range(0, MaxConnectionsEach).Select(i => RawHttpConnection.GetAsync(httpPort, "app.test", $"/held{i}")).ToList();
        var heldTcp = Enumerable.Range(0, MaxConnectionsEach).Select(_ => ReadAllAsync(tcpPort)).ToList();
        await http.HoldingAsync(MaxConnectionsEach);
        await tcp.HoldingAsync(MaxConnectionsEach);

        var leavingHttp = await RawHttpConnection.OpenAsync(httpPort);
        await leavingHttp.SendRawAsync("GET /leaving HTTP/1.1\r\nHost: app.test\r\n\r\n");
        using var leavingTcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await leavingTcp.ConnectAsync(new IPEndPoint(IPAddress.Loopback, tcpPort));
        await MetricsWatch.ClusterMetricAsync(torii, "app", "queue.waiting", metric => metric.Gauge == 1);
        await MetricsWatch.ClusterMetricAsync(torii, "db", "queue.waiting", metric => metric.Gauge == 1);

        await leavingHttp.DisposeAsync();
        leavingTcp.Dispose();

        await MetricsWatch.ClusterMetricAsync(torii, "app", "queue.waiting", metric => metric.Gauge == 0);
        await MetricsWatch.ClusterMetricAsync(torii, "db", "queue.waiting", metric => metric.Gauge == 0);
        http.Open();
        tcp.Open();
        Assert.All(await Task.WhenAll(heldHttp), response => Assert.Equal(200, response.StatusCode));
        Assert.All(await Task.WhenAll(heldTcp), text => Assert.Equal("bye", text));
        Assert.Equal(MaxConnectionsEach, http.Served);
        Assert.Equal(MaxConnectionsEach, tcp.Served);
        var timeouts = await MetricsWatch.ClusterMetricAsync(torii, "app", "queue.timeout", _ => true);
        Assert.Equal(0, timeouts.Count);
    }

    [Fact]
    public async Task The_limits_show_in_cluster_list_and_bad_values_are_refused_leaving_the_state_unchanged()
    {
        using var backend = GatedBackend.Http();
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(HttpConfig(port, queueTimeout: 7, backend));

        var list = await torii.CliAsync("cluster", "list", "--id", "app");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("7s", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("MAX CONNECTIONS", list.StandardOutput, StringComparison.Ordinal);
        var before = await StateAsync(torii);
        Assert.Matches("\"max_connections\": ?2", before);
        Assert.Matches("\"queue_timeout\": ?7", before);

        var negative = await torii.CliAsync("backend", "add", "--id", "app", "--backend-id", "x", "--address", "127.0.0.1:9", "--max-connections", "-1");
        Assert.NotEqual(0, negative.ExitCode);
        Assert.Contains("--max-connections -1 is outside 0..1000000", negative.StandardError, StringComparison.Ordinal);
        var oversized = await torii.SendAsync(new Request
        {
            AddBackend = new AddBackend { ClusterId = "app", BackendId = "x", Address = Requests.Loopback(9), MaxConnections = 2_000_000 },
        });
        Assert.Equal(ResponseStatus.Failure, oversized.Status);
        Assert.Contains("max_connections 2000000 is outside 0..1000000", oversized.Message, StringComparison.Ordinal);
        var longWait = await torii.SendAsync(new Request { AddCluster = new Cluster { ClusterId = "app", QueueTimeout = 100_000 } });
        Assert.Equal(ResponseStatus.Failure, longWait.Status);
        Assert.Contains("queue_timeout 100000 is outside 0..86400", longWait.Message, StringComparison.Ordinal);

        Assert.Equal(before, await StateAsync(torii));
    }

    /// <summary>
    /// Starts <see cref="Clients"/> clients at once against two gated backends, checks that the backends
    /// fill up to their limits while the rest wait in the cluster's queue, opens the gates, and checks that
    /// every client was served without a backend ever holding more than its limit.
    /// </summary>
    private static async Task<T[]> ServeBeyondTheLimitsAsync<T>(ToriiProcess torii, string clusterId, GatedBackend first, GatedBackend second, Func<int, Task<T>> client)
    {
        var clients = Enumerable.Range(0, Clients).Select(client).ToList();
        await first.HoldingAsync(MaxConnectionsEach);
        await second.HoldingAsync(MaxConnectionsEach);
        await MetricsWatch.ClusterMetricAsync(torii, clusterId, "queue.waiting", metric => metric.Gauge == Clients - (2 * MaxConnectionsEach));
        Assert.All(clients, pending => Assert.False(pending.IsCompleted));

        first.Open();
        second.Open();
        var results = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Clients, first.Served + second.Served);
        Assert.Equal(MaxConnectionsEach, first.Peak);
        Assert.Equal(MaxConnectionsEach, second.Peak);
        return results;
    }

    private static async Task<string> StateAsync(ToriiProcess torii)
    {
        var path = Path.Combine(torii.Directory, $"state-{Guid.NewGuid():N}.json");
        var save = await torii.CliAsync("state", "save", "--file", path);
        Assert.True(save.ExitCode == 0, save.ToString());
        return await File.ReadAllTextAsync(path);
    }

    private static string HttpConfig(int port, int queueTimeout, params GatedBackend[] backends) => $$"""
        [[listeners]]
        protocol = "http"
        address = "127.0.0.1:{{port}}"

        [clusters.app]
        protocol = "http"
        queue_timeout = {{queueTimeout}}
        frontends = [{ address = "127.0.0.1:{{port}}", hostname = "app.test" }]
        backends = [{{Backends(backends)}}]
        """;

    private static string TcpConfig(int port, int queueTimeout, params GatedBackend[] backends) => $$"""
        [[listeners]]
        protocol = "tcp"
        address = "127.0.0.1:{{port}}"

        [clusters.db]
        protocol = "tcp"
        queue_timeout = {{queueTimeout}}
        frontends = [{ address = "127.0.0.1:{{port}}" }]
        backends = [{{Backends(backends)}}]
        """;

    private static string Backends(GatedBackend[] backends) =>
        string.Join(", ", backends.Select(backend => $"{{ address = \"127.0.0.1:{backend.Port}\", max_connections = {MaxConnectionsEach} }}"));

    /// <summary>Connects through the proxy and reads until the connection ends; a reset counts as the end.</summary>
    private static async Task<string> ReadAllAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        var received = new StringBuilder();
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed with unread data: the end all the same.
        }

        return received.ToString();
    }
}
