using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>`torii config reload` applies exactly the difference with the edited file, leaves runtime additions alone, and changes nothing for a bad file.</summary>
public sealed class ConfigReloadTests
{
    [Fact]
    public async Task Reload_applies_exactly_the_difference_and_keeps_runtime_additions()
    {
        await using var first = await TestBackend.StartAsync("first");
        await using var second = await TestBackend.StartAsync("second");
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(Before(port, first, second));
        await AddRuntimeClusterAsync(torii, port, second);

        await File.WriteAllTextAsync(torii.ConfigPath, "command_socket = \"torii.sock\"\n" + After(port, first, second));
        var reload = await torii.CliAsync("config", "reload");

        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Contains("added cluster api", reload.StandardOutput);
        Assert.Contains("removed cluster gone", reload.StandardOutput);
        Assert.Contains("changed backend shop/shop-1", reload.StandardOutput);
        Assert.Contains($"changed listener 127.0.0.1:{port}", reload.StandardOutput);
        var listeners = await torii.MustAsync(new Request { ListListeners = new ListListeners() });
        Assert.Equal(45u, listeners.Content.ListenersList.HttpListeners.Values.Single().FrontTimeout);
        Assert.Equal(200, (await RawHttpConnection.GetAsync(port, "shop.test", "/")).StatusCode);
        Assert.Equal(404, (await RawHttpConnection.GetAsync(port, "old.shop.test", "/")).StatusCode);
        Assert.Equal(404, (await RawHttpConnection.GetAsync(port, "gone.test", "/")).StatusCode);
        Assert.Equal("first /api", (await RawHttpConnection.GetAsync(port, "api.test", "/api")).Body);
        Assert.Equal("second /runtime", (await RawHttpConnection.GetAsync(port, "runtime.test", "/runtime")).Body);

        // The same state as a fresh start on the new file plus the same runtime additions.
        var reloaded = await HashesAsync(torii);
        await torii.MustAsync(new Request { HardStop = new HardStop() });
        Assert.Equal(0, await torii.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await using var fresh = await ToriiProcess.StartAsync(After(port, first, second));
        await AddRuntimeClusterAsync(fresh, port, second);
        Assert.Equal(reloaded, await HashesAsync(fresh));
    }

    [Theory]
    [InlineData("a TOML error", "[clusters.broken\nprotocol = \"http\"\n")]
    [InlineData("a frontend the state refuses", "[clusters.nowhere]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:1\", hostname = \"nowhere.test\" }]\n")]
    public async Task A_file_with_an_error_changes_nothing(string label, string error)
    {
        await using var first = await TestBackend.StartAsync("first");
        await using var second = await TestBackend.StartAsync("second");
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(Before(port, first, second));
        var before = await HashesAsync(torii);

        await File.WriteAllTextAsync(torii.ConfigPath, "command_socket = \"torii.sock\"\n" + After(port, first, second) + error);
        var reload = await torii.CliAsync("config", "reload");

        Assert.True(reload.ExitCode == 1, $"{label}: {reload}");
        Assert.Contains("config.toml", reload.StandardError + reload.StandardOutput);
        Assert.Equal(before, await HashesAsync(torii));
        Assert.Equal(200, (await RawHttpConnection.GetAsync(port, "gone.test", "/")).StatusCode);
    }

    [Fact]
    public async Task Prune_also_removes_what_was_added_at_runtime()
    {
        await using var first = await TestBackend.StartAsync("first");
        await using var second = await TestBackend.StartAsync("second");
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(Before(port, first, second));
        await AddRuntimeClusterAsync(torii, port, second);

        await File.WriteAllTextAsync(torii.ConfigPath, "command_socket = \"torii.sock\"\n" + After(port, first, second));
        var reload = await torii.CliAsync("config", "reload", "--prune");

        Assert.True(reload.ExitCode == 0, reload.ToString());
        Assert.Equal(404, (await RawHttpConnection.GetAsync(port, "runtime.test", "/")).StatusCode);
        Assert.Equal(["api", "shop"], (await HashesAsync(torii)).Keys.Order());
    }

    [Fact]
    public async Task Sighup_reloads_the_config_file()
    {
        await using var first = await TestBackend.StartAsync("first");
        await using var second = await TestBackend.StartAsync("second");
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(Before(port, first, second));

        await File.WriteAllTextAsync(torii.ConfigPath, "command_socket = \"torii.sock\"\n" + After(port, first, second));
        PosixSignals.Hangup(torii.Pid);

        await torii.WaitForOutputAsync("reloaded ", TimeSpan.FromSeconds(30));
        Assert.False(torii.HasExited);
        Assert.Equal("first /api", (await RawHttpConnection.GetAsync(port, "api.test", "/api")).Body);
        Assert.Equal(404, (await RawHttpConnection.GetAsync(port, "gone.test", "/")).StatusCode);
    }

    private static async Task AddRuntimeClusterAsync(ToriiProcess torii, int port, TestBackend backend)
    {
        await torii.MustAsync(Requests.Cluster("runtime"));
        await torii.MustAsync(Requests.AddFrontend("runtime", port, "runtime.test"));
        await torii.MustAsync(Requests.Backend("runtime", "runtime-1", backend));
    }

    private static async Task<Dictionary<string, ulong>> HashesAsync(ToriiProcess torii) =>
        new((await torii.MustAsync(new Request { QueryClustersHashes = new QueryClustersHashes() })).Content.ClusterHashes.Map);

    private static string Before(int port, TestBackend first, TestBackend second) => $"""
        [[listeners]]
        protocol = "http"
        address = "127.0.0.1:{port}"

        [clusters.shop]
        protocol = "http"
        frontends = [
          {FrontendOn(port, "shop.test")},
          {FrontendOn(port, "old.shop.test")},
        ]
        backends = [{BackendAt(first, "shop-1", 100)}]

        [clusters.gone]
        protocol = "http"
        frontends = [{FrontendOn(port, "gone.test")}]
        backends = [{BackendAt(second, "gone-1", 100)}]

        """;

    private static string After(int port, TestBackend first, TestBackend second) => $"""
        [[listeners]]
        protocol = "http"
        address = "127.0.0.1:{port}"
        front_timeout = 45

        [clusters.shop]
        protocol = "http"
        frontends = [{FrontendOn(port, "shop.test")}]
        backends = [{BackendAt(first, "shop-1", 50)}, {BackendAt(second, "shop-2", 100)}]

        [clusters.api]
        protocol = "http"
        frontends = [{FrontendOn(port, "api.test")}]
        backends = [{BackendAt(first, "api-1", 100)}]

        """;

    private static string FrontendOn(int port, string hostname) => $"{{ address = \"127.0.0.1:{port}\", hostname = \"{hostname}\" }}";

    private static string BackendAt(TestBackend backend, string id, int weight) => $"{{ address = \"{backend.Address}\", backend_id = \"{id}\", weight = {weight} }}";
}
