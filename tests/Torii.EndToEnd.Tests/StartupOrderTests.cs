using System.Net;
using System.Net.Sockets;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>A listener accepts only once the config and the saved state are both applied: a restart never answers 404 for a saved route.</summary>
public sealed class StartupOrderTests
{
    [Fact]
    public async Task The_first_connection_accepted_after_a_restart_is_already_routed_by_the_saved_state()
    {
        await using var backend = await TestBackend.StartAsync("first");
        var httpPort = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("torii-e2e-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "config.toml"), $"""
            command_socket = "torii.sock"
            saved_state = "state.json"
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{httpPort}"
            """);

        // A large state takes a while to replay, which is the window a listener must not accept in.
        var state = new List<Request>();
        for (var i = 0; i < 3000; i++)
        {
            state.Add(Requests.Cluster($"filler-{i}"));
            state.Add(Requests.AddFrontend($"filler-{i}", httpPort, $"filler-{i}.test"));
        }

        state.Add(Requests.Cluster("app"));
        state.Add(Requests.AddFrontend("app", httpPort, "app.test"));
        state.Add(Requests.Backend("app", "first", backend));
        await File.WriteAllLinesAsync(Path.Combine(directory, "state.json"), state.Select(ProtocolJson.Format));

        var starting = ToriiProcess.StartExistingAsync(directory);
        try
        {
            await using var client = await ConnectAsSoonAsAcceptedAsync(httpPort, starting);
            var response = await client.SendAsync("GET /first-request HTTP/1.1\r\nHost: app.test\r\n\r\n");
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("first /first-request", response.Body);
        }
        finally
        {
            await (await starting).DisposeAsync();
        }
    }

    /// <summary>Connects in a tight loop, as a client polling a restarting proxy would, until the port accepts.</summary>
    private static async Task<RawHttpConnection> ConnectAsSoonAsAcceptedAsync(int port, Task<ToriiProcess> starting)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                return await RawHttpConnection.OpenAsync(port);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                if (starting.IsFaulted)
                {
                    await starting;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(2));
            }
        }

        throw new TimeoutException($"nothing accepted on {IPAddress.Loopback}:{port} within 60 s");
    }
}
