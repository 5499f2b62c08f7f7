using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Torii.Connectors.Hosting;
using Torii.Connectors.Prometheus.Scraping;
using Torii.Connectors.Prometheus.Settings;

namespace Torii.Connectors.Prometheus.Hosting;

/// <summary>/metrics, /healthz and a line at / on the connector's one address (see <see cref="ConnectorWebHost"/>).</summary>
internal sealed class ExporterServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ProxyMetricsSource _source;

    private ExporterServer(WebApplication app, ProxyMetricsSource source, IPEndPoint address)
    {
        _app = app;
        _source = source;
        Address = address;
    }

    /// <summary>The address actually listened on (port 0 in the settings picks a free one).</summary>
    public IPEndPoint Address { get; }

    public ILogger Logger => _app.Logger;

    /// <exception cref="IOException">The address cannot be listened on.</exception>
    public static async Task<ExporterServer> StartAsync(ExporterSettings settings, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = ConnectorWebHost.CreateBuilder("torii-prometheus", settings.ListenAddress);

        WebApplication app = builder.Build();
        var source = new ProxyMetricsSource(settings.ProxySocket, settings.Timeout);
        var stateLog = new ProxyStateLog(app.Logger);
        app.MapGet("/metrics", context => MetricsEndpoint.HandleAsync(context, source, stateLog));
        app.MapGet("/healthz", context => HealthEndpoint.HandleAsync(context, source));
        app.MapGet("/", context => PlainText.WriteAsync(context, StatusCodes.Status200OK, "torii-prometheus: the proxy's metrics are at /metrics"));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ExporterServer(app, source, ConnectorWebHost.BoundAddress(app, settings.ListenAddress));
    }

    /// <summary>Returns when <paramref name="cancellationToken"/> fires or the host is told to stop.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }
}
