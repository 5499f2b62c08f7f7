using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Torii.Connectors.Prometheus.Scraping;
using Torii.Connectors.Prometheus.Settings;

namespace Torii.Connectors.Prometheus.Hosting;

/// <summary>
/// Kestrel on the configured address and nothing else: the empty builder reads no appsettings.json and no
/// ASPNETCORE_URLS, so no other endpoint can be added behind the operator's back.
/// </summary>
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
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "torii-prometheus" });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(settings.ListenAddress));
        builder.Services.AddRoutingCore();

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

        return new ExporterServer(app, source, BoundAddress(app, settings.ListenAddress));
    }

    /// <summary>Returns when <paramref name="cancellationToken"/> fires or the host is told to stop.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }

    private static IPEndPoint BoundAddress(WebApplication app, IPEndPoint requested)
    {
        string? bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out Uri? uri)
            ? new IPEndPoint(requested.Address, uri.Port)
            : requested;
    }
}
