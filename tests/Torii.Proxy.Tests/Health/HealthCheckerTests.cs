using System.Net;
using Torii.Protocol;
using Torii.Proxy.Health;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Tests.Health;

/// <summary>The checker following a real state, checking real loopback servers.</summary>
public sealed class HealthCheckerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly SnapshotHolder _snapshots = new();
    private readonly ConfigState _state;

    public HealthCheckerTests() => _state = new ConfigState(_snapshots, DetachedListenerHost.Instance, new ProxyDefaults());

    [Fact]
    public async Task A_failing_backend_goes_down_and_comes_back_up_when_it_recovers()
    {
        var status = "500 Internal Server Error";
        await using var target = new ProbeTarget(() => $"HTTP/1.1 {status}\r\n\r\n");
        await using var checker = new HealthChecker(_snapshots);
        checker.Start();
        AddCluster("app", ("b1", target.Address));
        _state.SetHealthCheck(new SetHealthCheck { ClusterId = "app", Config = new HealthCheckConfig { Uri = "/health", Interval = 1, Timeout = 1, HealthyThreshold = 2, UnhealthyThreshold = 2 } });

        // On a loaded machine a check may first time out: what is awaited is the backend down with the
        // answer's status recorded as the reason, which the next failed check records.
        await WaitFor(() => Health("app", "b1") is { Up: false, LastFailure: "status 500, expected 2xx" }, "b1 down on status 500");
        // Down only once the unhealthy threshold (2) of failed checks is reached; how many more ran before
        // this test thread looked depends on the machine's load, so only the lower bound is asserted.
        Assert.True(target.Requests.Count >= 2, $"down after {target.Requests.Count} checks");

        status = "200 OK";
        await WaitFor(() => Health("app", "b1") is { Up: true }, "b1 up");
        Assert.All(target.Requests, request => Assert.StartsWith("GET /health HTTP/1.1", request, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backends_added_later_are_checked_removed_ones_no_longer_and_a_removed_check_stops_checking()
    {
        await using var first = new ProbeTarget(() => "HTTP/1.1 200 OK\r\n\r\n");
        await using var second = new ProbeTarget(() => "HTTP/1.1 200 OK\r\n\r\n");
        await using var checker = new HealthChecker(_snapshots);
        checker.Start();
        AddCluster("app", ("b1", first.Address));
        _state.SetHealthCheck(new SetHealthCheck { ClusterId = "app", Config = new HealthCheckConfig { Uri = "/h", Interval = 1, Timeout = 1 } });
        await WaitFor(() => first.Requests.Count >= 1, "b1 checked");

        _state.AddBackend(new AddBackend { ClusterId = "app", BackendId = "b2", Address = SocketAddresses.ToProto(second.Address) });
        await WaitFor(() => second.Requests.Count >= 1, "b2 checked");

        _state.RemoveBackend(new RemoveBackend { ClusterId = "app", BackendId = "b1" });
        _state.RemoveHealthCheck("app");
        // With a one-second interval, a window of 2.5 s without a single request means the checks stopped; a check
        // already started when the state changed may still land, so the quiet window is awaited rather than the first.
        await WaitFor(() => QuietFor(TimeSpan.FromSeconds(2.5), () => first.Requests.Count + second.Requests.Count), "no more checks");
    }

    private static bool QuietFor(TimeSpan window, Func<int> count)
    {
        var before = count();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            if (count() != before)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    private void AddCluster(string clusterId, params (string Id, IPEndPoint Address)[] backends)
    {
        _state.AddCluster(new Cluster { ClusterId = clusterId });
        foreach (var (id, address) in backends)
        {
            _state.AddBackend(new AddBackend { ClusterId = clusterId, BackendId = id, Address = SocketAddresses.ToProto(address) });
        }
    }

    private BackendHealthStatus? Health(string clusterId, string backendId) =>
        _state.QueryHealthChecks(new QueryHealthChecks { ClusterId = clusterId }).Backends.SingleOrDefault(status => status.BackendId == backendId);

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await WaitForAsync(condition, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"timed out waiting for {what}");
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
