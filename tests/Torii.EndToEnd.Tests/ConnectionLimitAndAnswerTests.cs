using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

public sealed class ConnectionLimitAndAnswerTests
{
    [Fact]
    public async Task Without_an_accept_queue_connections_beyond_max_connections_are_closed_and_the_others_keep_working()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("max_connections = 2\naccept_queue_timeout = 0");
        await proxy.RouteAppToFirstAsync();
        await using var first = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        await using var second = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.Equal(200, (await first.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
        Assert.Equal(200, (await second.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);

        await using var third = await RawHttpConnection.OpenAsync(proxy.HttpPort);
        Assert.True(await third.IsClosedByPeerAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(200, (await first.SendAsync("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
    }

    [Fact]
    public async Task Listener_and_cluster_answers_come_from_files()
    {
        var directory = Directory.CreateTempSubdirectory("torii-answers-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "404.http"), "HTTP/1.1 404 Not Found\nContent-Type: text/plain\n\nnothing here, says the listener\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "503.http"), "HTTP/1.1 503 Service Unavailable\nContent-Type: text/plain\nRetry-After: 5\n\napp is resting\n");
        var port = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync($$"""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{{port}}"
            answer_404 = "404.http"

            [clusters.app]
            protocol = "http"
            answer_503 = "503.http"
            frontends = [{ address = "127.0.0.1:{{port}}", hostname = "app.test" }]
            """, directory);

        var missing = await RawHttpConnection.GetAsync(port, "nowhere.test", "/");
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("nothing here, says the listener\n", missing.Body);

        var resting = await RawHttpConnection.GetAsync(port, "app.test", "/");
        Assert.Equal(503, resting.StatusCode);
        Assert.Equal("5", resting.Header("Retry-After"));
        Assert.Equal("app is resting\n", resting.Body);
    }
}
