using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

public sealed class StateAndLifecycleTests
{
    [Fact]
    public async Task Saved_state_brings_the_same_routing_back_after_a_restart()
    {
        await using var first = await TestBackend.StartAsync("first");
        var httpPort = FreePort.Next();
        var config = $"""
            saved_state = "state.json"
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{httpPort}"
            """;
        string directory;
        await using (var torii = await ToriiProcess.StartAsync(config))
        {
            directory = torii.Directory;
            await torii.MustAsync(Requests.Cluster("app"));
            await torii.MustAsync(Requests.AddFrontend("app", httpPort, "app.test"));
            await torii.MustAsync(Requests.Backend("app", "first", first));
            var saved = await torii.CliAsync("state", "save", "--file", Path.Combine(directory, "state.json"));
            Assert.True(saved.ExitCode == 0, saved.ToString());
            await torii.MustAsync(new Request { HardStop = new HardStop() });
            Assert.Equal(0, await torii.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        await using var restarted = await ToriiProcess.StartExistingAsync(directory);
        var response = await RawHttpConnection.GetAsync(httpPort, "app.test", "/again");
        Assert.Equal("first /again", response.Body);
    }

    [Fact]
    public async Task Automatic_state_save_keeps_every_acknowledged_change_across_a_crash()
    {
        await using var first = await TestBackend.StartAsync("first");
        var httpPort = FreePort.Next();
        var config = $"""
            saved_state = "state.json"
            automatic_state_save = true
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{httpPort}"
            """;
        string directory;
        await using (var torii = await ToriiProcess.StartAsync(config))
        {
            directory = torii.Directory;
            await torii.MustAsync(Requests.Cluster("app"));
            await torii.MustAsync(Requests.AddFrontend("app", httpPort, "app.test"));
            for (var i = 0; i < 50; i++)
            {
                var port = FreePort.Next();
                await torii.MustAsync(Requests.Backend("app", $"gone-{i}", port));
                await torii.MustAsync(Requests.RemoveBackend("app", $"gone-{i}", port));
            }

            await torii.MustAsync(Requests.Backend("app", "first", first));
            await torii.KillAsync();
        }

        await using var restarted = await ToriiProcess.StartExistingAsync(directory);
        Assert.Equal("first /after-crash", (await RawHttpConnection.GetAsync(httpPort, "app.test", "/after-crash")).Body);
        var cluster = await restarted.MustAsync(new Request { QueryClusterById = "app" });
        Assert.Equal(["first"], cluster.Content.Clusters.Vec[0].Backends.Select(backend => backend.BackendId));
    }

    [Fact]
    public async Task State_load_replays_a_file_and_a_malformed_file_changes_nothing()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        var good = Path.Combine(proxy.Torii.Directory, "good.json");
        await File.WriteAllLinesAsync(good,
        [
            ProtocolJson.Format(Requests.Cluster("app")),
            ProtocolJson.Format(Requests.AddFrontend("app", proxy.HttpPort, "app.test")),
            ProtocolJson.Format(Requests.Backend("app", "first", proxy.First)),
        ]);
        var bad = Path.Combine(proxy.Torii.Directory, "bad.json");
        await File.WriteAllLinesAsync(bad, [ProtocolJson.Format(Requests.Cluster("other")), "{ not json"]);

        var refused = await proxy.Torii.SendAsync(new Request { LoadState = bad });
        Assert.Equal(ResponseStatus.Failure, refused.Status);
        Assert.Contains("line 2", refused.Message);
        var hashes = await proxy.Torii.MustAsync(new Request { QueryClustersHashes = new QueryClustersHashes() });
        Assert.Empty(hashes.Content.ClusterHashes.Map);

        await proxy.Torii.MustAsync(new Request { LoadState = good });
        Assert.Equal("first /x", (await proxy.GetAsync("app.test", "/x")).Body);
    }

    [Fact]
    public async Task Soft_stop_lets_the_request_in_flight_finish_then_exits()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        await using var idle = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal(200, (await idle.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);

        var inFlight = proxy.GetAsync("app.test", "/slow?ms=1000");
        await WaitUntilAsync(() => proxy.First.RequestCount >= 2);
        var stop = await proxy.Torii.CliAsync("shutdown");
        Assert.True(stop.ExitCode == 0, stop.ToString());

        Assert.Equal("first", (await inFlight).Body);
        Assert.True(await idle.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await proxy.Torii.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Count_requests_and_status_answer()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        var status = await proxy.Torii.MustAsync(new Request { Status = new Status() });
        Assert.Contains("1 clusters", status.Message);
        var counts = await proxy.Torii.MustAsync(new Request { CountRequests = new CountRequests() });
        Assert.Equal(1, counts.Content.RequestCounts.Map["add_cluster"]);
        Assert.Equal(1, counts.Content.RequestCounts.Map["add_backend"]);
    }

    [Fact]
    public async Task A_second_start_on_the_same_socket_is_refused_and_leaves_the_first_reachable()
    {
        await using var torii = await ToriiProcess.StartAsync("");
        var second = await CliRunner.RunAsync(torii.Directory, "start", "-c", torii.ConfigPath);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already serving", second.StandardError);
        Assert.True(File.Exists(torii.SocketPath));
        await torii.MustAsync(new Request { Status = new Status() });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in 30 s");
            await Task.Delay(TimeSpan.FromMilliseconds(10)); // poll interval of a condition with a deadline
        }
    }
}
