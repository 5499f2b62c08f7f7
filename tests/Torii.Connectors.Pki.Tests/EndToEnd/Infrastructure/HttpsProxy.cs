using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Pki.Tests.EndToEnd.Infrastructure;

/// <summary>
/// A running torii with one HTTPS listener and no certificate: cluster "app" with a real backend,
/// reached through HTTPS frontends for the given host names.
/// </summary>
public sealed class HttpsProxy : IAsyncDisposable
{
    private HttpsProxy(ToriiProcess torii, TestBackend backend, int port)
    {
        Torii = torii;
        Backend = backend;
        Port = port;
    }

    public ToriiProcess Torii { get; }

    public TestBackend Backend { get; }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The listener comes from config.toml; the routes are sent through the client.</summary>
    public static async Task<HttpsProxy> StartAsync(params string[] hostnames)
    {
        TestBackend backend = await TestBackend.StartAsync("backend");
        int port = FreePort.Next();
        ToriiProcess torii = await ToriiProcess.StartAsync($"""
            [[listeners]]
            protocol = "https"
            address = "127.0.0.1:{port}"
            """);
        await torii.MustAsync(Requests.Cluster("app"));
        await torii.MustAsync(Requests.Backend("app", "backend", backend));
        foreach (string hostname in hostnames)
        {
            await torii.MustAsync(new Request { AddHttpsFrontend = Requests.Frontend("app", port, hostname) });
        }

        return new HttpsProxy(torii, backend, port);
    }

    /// <summary>Listener and routes are made with the torii CLI, as an operator would.</summary>
    public static async Task<HttpsProxy> StartWithCliAsync(params string[] hostnames)
    {
        TestBackend backend = await TestBackend.StartAsync("backend");
        var proxy = new HttpsProxy(await ToriiProcess.StartAsync(""), backend, FreePort.Next());
        await proxy.MustCliAsync("listener", "https", "add", "--address", proxy.Address, "--tls-versions", "TLS_V1_2", "TLS_V1_3");
        await proxy.MustCliAsync("cluster", "add", "--id", "app");
        await proxy.MustCliAsync("backend", "add", "--id", "app", "--backend-id", "backend", "--address", backend.Address);
        foreach (string hostname in hostnames)
        {
            await proxy.MustCliAsync("frontend", "https", "add", "--address", proxy.Address, "--hostname", hostname, "--id", "app");
        }

        return proxy;
    }

    public async Task<CliResult> MustCliAsync(params string[] arguments)
    {
        CliResult result = await Torii.CliAsync(arguments);
        Assert.True(result.ExitCode == 0, $"torii {string.Join(' ', arguments)}: {result}");
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Torii.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
