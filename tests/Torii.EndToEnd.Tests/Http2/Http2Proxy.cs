using System.Diagnostics;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Http2;

/// <summary>
/// torii with an HTTP listener (h2c by prior knowledge, HTTP/1.1 otherwise) and an HTTPS listener
/// (h2 or http/1.1 by ALPN, a default certificate), both routing "localhost" to a real backend.
/// </summary>
public sealed class Http2Proxy : IAsyncDisposable
{
    public const string Host = "localhost";

    private Http2Proxy(ToriiProcess torii, TestBackend backend, int cleartextPort, int tlsPort)
    {
        Torii = torii;
        Backend = backend;
        CleartextPort = cleartextPort;
        TlsPort = tlsPort;
    }

    public ToriiProcess Torii { get; }

    public TestBackend Backend { get; }

    public int CleartextPort { get; }

    public int TlsPort { get; }

    /// <param name="configure">Sets h2_* limits on the HTTP listener before it is added.</param>
    public static async Task<Http2Proxy> StartAsync(Action<HttpListenerConfig>? configure = null, ScriptedBackend? scripted = null)
    {
        var backend = await TestBackend.StartAsync("first");
        var torii = await ToriiProcess.StartAsync("");
        var ports = await CleartextAndTlsListeners.AddAsync(torii, Host, configure);
        await torii.MustAsync(Requests.Cluster("app"));
        await torii.MustAsync(scripted is null ? Requests.Backend("app", "first", backend) : Requests.Backend("app", "scripted", scripted.Port));
        await CleartextAndTlsListeners.RouteAsync(torii, "app", Host, ports);
        return new Http2Proxy(torii, backend, ports.Cleartext, ports.Tls);
    }

    /// <summary>Runs one of the Python scripts next to this file with Debian's python3, which has the h2 library.</summary>
    public Task<CliResult> RunScriptAsync(string script, params string[] arguments) =>
        ExternalProgram.RunAsync(
            new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Http2", script), CleartextPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Host, .. arguments]),
            TimeSpan.FromSeconds(60));

    public Task<CliResult> CurlAsync(params string[] arguments) =>
        ExternalProgram.RunAsync(new ProcessStartInfo("curl", ["-sS", "-k", "--max-time", "60", .. arguments]), TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync()
    {
        await Torii.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
