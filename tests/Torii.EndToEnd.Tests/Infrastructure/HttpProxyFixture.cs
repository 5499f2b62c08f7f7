namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A running torii with one HTTP listener from its config.toml, and two real backends.</summary>
public sealed class HttpProxyFixture : IAsyncDisposable
{
    private HttpProxyFixture(ToriiProcess torii, int httpPort, TestBackend first, TestBackend second)
    {
        Torii = torii;
        HttpPort = httpPort;
        First = first;
        Second = second;
    }

    public ToriiProcess Torii { get; }

    public int HttpPort { get; }

    public TestBackend First { get; }

    public TestBackend Second { get; }

    /// <param name="extraConfig">Top-level config keys.</param>
    /// <param name="listenerConfig">Keys of the HTTP listener, e.g. a short back_timeout.</param>
    public static async Task<HttpProxyFixture> StartAsync(string extraConfig = "", string listenerConfig = "")
    {
        var httpPort = FreePort.Next();
        var first = await TestBackend.StartAsync("first");
        var second = await TestBackend.StartAsync("second");
        var torii = await ToriiProcess.StartAsync($"""
            {extraConfig}
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{httpPort}"
            {listenerConfig}
            """);
        return new HttpProxyFixture(torii, httpPort, first, second);
    }

    /// <summary>Starts a proxy whose cluster "app", on host app.test, has one backend on <paramref name="backendPort"/>.</summary>
    public static async Task<HttpProxyFixture> StartRoutedToAsync(int backendPort)
    {
        var proxy = await StartAsync();
        await proxy.Torii.MustAsync(Requests.Cluster("app"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("app", proxy.HttpPort, "app.test"));
        await proxy.Torii.MustAsync(Requests.Backend("app", "only", backendPort));
        return proxy;
    }

    public Task<RawHttpResponse> GetAsync(string host, string path = "/") => RawHttpConnection.GetAsync(HttpPort, host, path);

    /// <summary>Adds cluster "app" on host app.test with the first backend.</summary>
    public async Task RouteAppToFirstAsync()
    {
        await Torii.MustAsync(Requests.Cluster("app"));
        await Torii.MustAsync(Requests.AddFrontend("app", HttpPort, "app.test"));
        await Torii.MustAsync(Requests.Backend("app", "first", First));
    }

    public async ValueTask DisposeAsync()
    {
        await Torii.DisposeAsync();
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}
