using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>The accept queue in front of max_connections (Sōzu's accept_queue_timeout).</summary>
public sealed class AcceptQueueTests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: app.test\r\n\r\n";

    [Fact]
    public async Task A_connection_beyond_max_connections_waits_and_is_served_once_another_closes()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("max_connections = 2\naccept_queue_timeout = 60");
        var (first, second) = await OpenTwoServedConnectionsAsync(proxy);
        await using var firstConnection = first;
        await using var secondConnection = second;

        await using var third = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        await third.SendRawAsync(Get);
        await MetricsWatch.ProxyMetricAsync(proxy.Torii, "accept_queue.connections", metric => metric.Gauge == 1);
        var answer = third.ReadResponseAsync();
        Assert.False(answer.IsCompleted);

        await firstConnection.DisposeAsync();

        Assert.Equal(200, (await answer.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
        Assert.Equal(200, (await second.SendAsync(Get)).StatusCode);
        await MetricsWatch.ProxyMetricAsync(proxy.Torii, "accept_queue.connections", metric => metric.Gauge == 0);
    }

    [Fact]
    public async Task A_connection_that_waits_longer_than_accept_queue_timeout_is_closed()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("max_connections = 2\naccept_queue_timeout = 1");
        var (first, second) = await OpenTwoServedConnectionsAsync(proxy);
        await using var firstConnection = first;
        await using var secondConnection = second;

        await using var third = await RawHttpConnection.OpenAsync(proxy.HttpPort);

        Assert.True(await third.IsClosedByPeerAsync(TimeSpan.FromSeconds(20)));
        var timeouts = await MetricsWatch.ProxyMetricAsync(proxy.Torii, "accept_queue.timeout", metric => metric.Count == 1);
        Assert.Equal(1, timeouts.Count);
        Assert.Equal(200, (await first.SendAsync(Get)).StatusCode);
    }

    /// <summary>Routes app.test and fills max_connections (2) with two connections that each got an answer.</summary>
    private static async Task<(RawHttpConnection First, RawHttpConnection Second)> OpenTwoServedConnectionsAsync(HttpProxyFixture proxy)
    {
        await proxy.RouteAppToFirstAsync();
        var first = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        var second = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal(200, (await first.SendAsync(Get)).StatusCode);
        Assert.Equal(200, (await second.SendAsync(Get)).StatusCode);
        return (first, second);
    }
}
