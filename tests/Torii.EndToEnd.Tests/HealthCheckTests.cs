using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// Active health checks in the published torii, against real loopback backends: a backend that answers 500,
/// stops, or goes silent is taken out after the threshold and brought back once it recovers, and no request
/// is sent to it meanwhile; fail-open and fail_open = false when every backend is down; the CLI.
/// </summary>
public sealed class HealthCheckTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(BackendBehaviour.Failing, "status 500, expected 2xx")]
    [InlineData(BackendBehaviour.Stopped, "connect failed (ConnectionRefused)")]
    [InlineData(BackendBehaviour.Silent, "timeout: no answer within 1 s")]
    public async Task A_failing_backend_goes_down_after_the_threshold_gets_no_requests_and_comes_back_after_recovering(BackendBehaviour failure, string reason)
    {
        using var good = new HealthCheckedBackend("good");
        using var flaky = new HealthCheckedBackend("flaky");
        await using var proxy = await HttpProxyFixture.StartAsync();
        await RouteAsync(proxy, good, flaky);
        await proxy.Torii.MustAsync(SetCheck(Check(failOpen: true)));
        await WaitForAsync(() => flaky.HealthChecks >= 1, "a first check of flaky");

        flaky.Behave(failure);
        var down = await WaitForHealthAsync(proxy.Torii, "flaky", up: false);
        Assert.Equal(reason, down.LastFailure);
        var reachedWhileDown = flaky.DataRequests;

        for (var i = 0; i < 10; i++)
        {
            var response = await proxy.GetAsync("app.test");
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("good", response.Header("X-Backend"));
        }

        flaky.Behave(BackendBehaviour.Healthy);
        await WaitForHealthAsync(proxy.Torii, "flaky", up: true);
        Assert.Equal(reachedWhileDown, flaky.DataRequests);
        await WaitForAsync(async () => (await proxy.GetAsync("app.test")).Header("X-Backend") == "flaky", "a request served by flaky again");
    }

    [Fact]
    public async Task When_every_backend_is_down_the_cluster_fails_open_and_routes_to_them_anyway()
    {
        using var only = new HealthCheckedBackend("only");
        await using var proxy = await HttpProxyFixture.StartAsync();
        await RouteAsync(proxy, only);
        await proxy.Torii.MustAsync(SetCheck(Check(failOpen: true)));

        only.Behave(BackendBehaviour.Failing);
        await WaitForHealthAsync(proxy.Torii, "only", up: false);
        var before = only.DataRequests;

        // The backend's own 500, not the proxy's 503: the request went to the down backend.
        var response = await proxy.GetAsync("app.test");
        Assert.Equal(500, response.StatusCode);
        Assert.Equal("only", response.Header("X-Backend"));
        Assert.Equal(before + 1, only.DataRequests);
        await proxy.Torii.WaitForOutputAsync("every backend is down; failing open", Deadline);
    }

    [Fact]
    public async Task With_fail_open_false_in_the_config_every_backend_down_means_503_and_nothing_reaches_them()
    {
        using var only = new HealthCheckedBackend("only");
        var httpPort = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync(ConfigWith(httpPort, only, """
            [clusters.app.health_check]
            uri = "/health"
            interval = 1
            timeout = 1
            healthy_threshold = 1
            unhealthy_threshold = 2
            fail_open = false
            """));

        only.Behave(BackendBehaviour.Failing);
        await WaitForHealthAsync(torii, "only", up: false);
        var before = only.DataRequests;

        Assert.Equal(503, (await RawHttpConnection.GetAsync(httpPort, "app.test", "/")).StatusCode);
        Assert.Equal(before, only.DataRequests);

        only.Behave(BackendBehaviour.Healthy);
        await WaitForHealthAsync(torii, "only", up: true);
        Assert.Equal(200, (await RawHttpConnection.GetAsync(httpPort, "app.test", "/")).StatusCode);
    }

    [Fact]
    public async Task The_cli_sets_lists_and_removes_a_check_and_bad_input_changes_nothing()
    {
        using var backend = new HealthCheckedBackend("b1");
        await using var proxy = await HttpProxyFixture.StartAsync();
        await RouteAsync(proxy, backend);

        await Must(proxy.Torii.CliAsync("cluster", "health-check", "set", "--id", "app", "--uri", HealthCheckedBackend.HealthPath, "--interval", "2", "--timeout", "1", "--healthy-threshold", "1", "--unhealthy-threshold", "1"));
        await WaitForAsync(() => backend.HealthChecks >= 1, "a check of b1");
        var list = await Must(proxy.Torii.CliAsync("cluster", "health-check", "list"));
        Assert.Contains("GET /health", list.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"app\s+b1\s+UP\s", list.StandardOutput);
        var cluster = await Must(proxy.Torii.CliAsync("cluster", "list", "--id", "app"));
        Assert.Matches(@"b1\s+127\.0\.0\.1:\d+\s+100\s+no\s+-\s+unlimited\s+UP\s", cluster.StandardOutput);
        var json = await Must(proxy.Torii.CliAsync("--json", "cluster", "list", "--id", "app"));
        Assert.Contains("\"backend_health\"", json.StandardOutput, StringComparison.Ordinal);

        var tooLong = await proxy.Torii.CliAsync("cluster", "health-check", "set", "--id", "app", "--uri", "/other", "--interval", "1", "--timeout", "5");
        Assert.NotEqual(0, tooLong.ExitCode);
        Assert.Contains("timeout 5 is longer than", tooLong.StandardError, StringComparison.Ordinal);
        var unknown = await proxy.Torii.CliAsync("cluster", "health-check", "set", "--id", "nope", "--uri", "/other");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no cluster \"nope\"", unknown.StandardError, StringComparison.Ordinal);
        var zero = await proxy.Torii.CliAsync("cluster", "health-check", "set", "--id", "app", "--uri", "/other", "--unhealthy-threshold", "0");
        Assert.NotEqual(0, zero.ExitCode);
        var unchanged = (await proxy.Torii.MustAsync(new Request { QueryHealthChecks = new QueryHealthChecks() })).Content.HealthChecksList;
        Assert.Equal(["app"], unchanged.Map.Keys);
        Assert.Equal((HealthCheckedBackend.HealthPath, 2u, 1u), (unchanged.Map["app"].Uri, unchanged.Map["app"].Interval, unchanged.Map["app"].Timeout));

        await Must(proxy.Torii.CliAsync("cluster", "health-check", "remove", "--id", "app"));
        Assert.Contains("no health checks", (await Must(proxy.Torii.CliAsync("cluster", "health-check", "list"))).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_reload_sets_a_changed_check_again_removes_a_dropped_one_and_the_saved_state_keeps_it()
    {
        using var backend = new HealthCheckedBackend("b1");
        var httpPort = FreePort.Next();
        string Config(string check) => ConfigWith(httpPort, backend, check);
        const string Check = "[clusters.app.health_check]\nuri = \"/health\"\ninterval = 3\ntimeout = 1\n";
        await using var torii = await ToriiProcess.StartAsync(Config(Check));
        Assert.Equal(3u, (await ListAsync(torii)).Map["app"].Interval);

        await File.WriteAllTextAsync(torii.ConfigPath, "command_socket = \"torii.sock\"\n" + Config(Check.Replace("interval = 3", "interval = 4", StringComparison.Ordinal)));
        var changed = await Must(torii.CliAsync("config", "reload"));
        Assert.Contains("changed health check app", changed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(4u, (await ListAsync(torii)).Map["app"].Interval);

        var state = Path.Combine(torii.Directory, "state.json");
        await Must(torii.CliAsync("state", "save", "--file", state));
        Assert.Contains("\"set_health_check\"", await File.ReadAllTextAsync(state), StringComparison.Ordinal);

        await File.WriteAllTextAsync(torii.ConfigPath, "command_socket = \"torii.sock\"\n" + Config(string.Empty));
        var removed = await Must(torii.CliAsync("config", "reload"));
        Assert.Contains("removed health check app", removed.StandardOutput, StringComparison.Ordinal);
        Assert.Empty((await ListAsync(torii)).Map);
    }

    /// <summary>An http listener and cluster "app" on host app.test with one backend, then <paramref name="check"/> (TOML).</summary>
    private static string ConfigWith(int httpPort, HealthCheckedBackend backend, string check) => $$"""
        [[listeners]]
        protocol = "http"
        address = "127.0.0.1:{{httpPort}}"

        [clusters.app]
        protocol = "http"
        frontends = [ { address = "127.0.0.1:{{httpPort}}", hostname = "app.test" } ]
        backends = [ { address = "127.0.0.1:{{backend.Port}}", backend_id = "{{backend.Name}}" } ]
        {{check}}
        """;

    private static async Task<HealthChecksList> ListAsync(ToriiProcess torii) =>
        (await torii.MustAsync(new Request { QueryHealthChecks = new QueryHealthChecks() })).Content.HealthChecksList;

    private static async Task RouteAsync(HttpProxyFixture proxy, params HealthCheckedBackend[] backends)
    {
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        foreach (var backend in backends)
        {
            await proxy.Torii.MustAsync(Requests.Backend("app", backend.Name, backend.Port));
        }
    }

    private static HealthCheckConfig Check(bool failOpen) => new()
    {
        Uri = HealthCheckedBackend.HealthPath,
        Interval = 1,
        Timeout = 1,
        HealthyThreshold = 2,
        UnhealthyThreshold = 2,
        FailOpen = failOpen,
    };

    private static Request SetCheck(HealthCheckConfig config) => new() { SetHealthCheck = new SetHealthCheck { ClusterId = "app", Config = config } };

    private static async Task<BackendHealthStatus> WaitForHealthAsync(ToriiProcess torii, string backendId, bool up)
    {
        BackendHealthStatus? status = null;
        await WaitForAsync(
            async () =>
            {
                var list = (await torii.MustAsync(new Request { QueryHealthChecks = new QueryHealthChecks { ClusterId = "app" } })).Content.HealthChecksList;
                status = list.Backends.SingleOrDefault(backend => backend.BackendId == backendId);
                return status is not null && status.Up == up;
            },
            () => $"{backendId} {(up ? "UP" : "DOWN")}\n--- torii output ---\n{torii.Output}");
        return status!;
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), () => what);

    private static Task WaitForAsync(Func<Task<bool>> condition, string what) => WaitForAsync(condition, () => what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {Deadline.TotalSeconds} s waiting for {what()}");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<CliResult> Must(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
