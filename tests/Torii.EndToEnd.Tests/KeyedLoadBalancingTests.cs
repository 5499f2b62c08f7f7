using System.Net;
using System.Net.Sockets;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>HRW and MAGLEV through the published torii: a client keeps its backend, and a new backend takes only its share.</summary>
public sealed class KeyedLoadBalancingTests
{
    /// <summary>Distinct loopback sources 127.0.0.2 .. 127.0.0.121, bound by the test's own sockets.</summary>
    private const int Clients = 120;

    private const int InitialBackends = 4;

    [Theory]
    [InlineData("hrw")]
    [InlineData("maglev")]
    public async Task Each_client_address_keeps_its_backend_and_a_new_backend_takes_about_one_nth(string algorithm)
    {
        var backends = new List<TestBackend>();
        try
        {
            for (var i = 0; i <= InitialBackends; i++)
            {
                backends.Add(await TestBackend.StartAsync($"b{i}"));
            }

            var httpPort = FreePort.Next();
            await using var torii = await ToriiProcess.StartAsync("");
            await Must(torii.CliAsync("listener", "http", "add", "--address", $"127.0.0.1:{httpPort}"));
            await Must(torii.CliAsync("cluster", "add", "--id", "app", "--load-balancing", algorithm));
            await Must(torii.CliAsync("frontend", "http", "add", "--address", $"127.0.0.1:{httpPort}", "--hostname", "app.test", "--id", "app"));
            foreach (var backend in backends.Take(InitialBackends))
            {
                await Must(torii.CliAsync("backend", "add", "--id", "app", "--backend-id", backend.Name, "--address", backend.Address));
            }

            var before = new string[Clients];
            for (var i = 0; i < Clients; i++)
            {
                before[i] = await BackendSeenFromAsync(ClientAddress(i), httpPort);
                Assert.Equal(before[i], await BackendSeenFromAsync(ClientAddress(i), httpPort));
            }

            Assert.Equal(InitialBackends, before.Distinct().Count());

            var added = backends[InitialBackends];
            await Must(torii.CliAsync("backend", "add", "--id", "app", "--backend-id", added.Name, "--address", added.Address));
            var moved = new List<(string From, string To)>();
            for (var i = 0; i < Clients; i++)
            {
                var after = await BackendSeenFromAsync(ClientAddress(i), httpPort);
                Assert.Equal(after, await BackendSeenFromAsync(ClientAddress(i), httpPort));
                if (after != before[i])
                {
                    moved.Add((before[i], after));
                }
            }

            var expected = (double)Clients / (InitialBackends + 1);
            Assert.InRange(moved.Count, expected * 0.5, expected * 1.5);
            if (algorithm == "hrw")
            {
                Assert.All(moved, move => Assert.Equal(added.Name, move.To));
            }
        }
        finally
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_configured_header_keys_the_pick_instead_of_the_client_address()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await using var third = await TestBackend.StartAsync("third");
        await Must(proxy.Torii.CliAsync("cluster", "add", "--id", "app", "--load-balancing", "maglev", "--load-balancing-header", "X-User"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "first", proxy.First));
        await proxy.Torii.MustAsync(Requests.Backend("app", "second", proxy.Second));
        await proxy.Torii.MustAsync(Requests.Backend("app", "third", third));

        var byUser = new Dictionary<string, string>();
        for (var user = 0; user < 30; user++)
        {
            var first = await GetAsUserAsync(proxy.HttpPort, $"user-{user}");
            Assert.Equal(first, await GetAsUserAsync(proxy.HttpPort, $"user-{user}"));
            byUser[$"user-{user}"] = first;
        }

        // One client address, yet the users spread over every backend.
        Assert.Equal(["first", "second", "third"], byUser.Values.Distinct().Order());
        var cluster = await Must(proxy.Torii.CliAsync("cluster", "list", "--id", "app"));
        Assert.Contains("maglev by X-User", cluster.StandardOutput);
    }

    private static IPAddress ClientAddress(int index) => new([127, 0, 0, (byte)(index + 2)]);

    private static async Task<string> BackendSeenFromAsync(IPAddress source, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await using var connection = RawHttpConnection.Over(new NetworkStream(socket, ownsSocket: true));
        var response = await connection.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n");
        Assert.Equal(200, response.StatusCode);
        return response.Header("X-Backend")!;
    }

    private static async Task<string> GetAsUserAsync(int port, string user)
    {
        await using var connection = await RawHttpConnection.OpenAsync(port);
        var response = await connection.SendAsync($"GET / HTTP/1.1\r\nHost: app.test\r\nX-User: {user}\r\n\r\n");
        Assert.Equal(200, response.StatusCode);
        return response.Header("X-Backend")!;
    }

    private static async Task<CliResult> Must(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
