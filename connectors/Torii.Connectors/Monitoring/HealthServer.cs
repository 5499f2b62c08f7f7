using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Torii.Connectors.Monitoring;

/// <summary>
/// GET /healthz: 200 with the counters as JSON when the broker and the proxy are connected, else 503
/// with one line saying what is down. GET /counters: the counters, whatever the health.
/// </summary>
public sealed class HealthServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HealthServer(WebApplication app, IPEndPoint boundAddress)
    {
        _app = app;
        Address = boundAddress;
    }

    /// <summary>The address actually listened on (port 0 in the settings picks a free one).</summary>
    public IPEndPoint Address { get; }

    public static async Task<HealthServer> StartAsync(
        IPEndPoint address, ConnectorHealth health, ConnectorCounters counters, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(address));
        WebApplication app = builder.Build();
        app.MapGet("/healthz", () => Healthz(health, counters));
        app.MapGet("/counters", () => Results.Text(CountersJson.Format(counters.Snapshot(), StatusOf(health)), "application/json"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new HealthServer(app, BoundAddress(app, address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IResult Healthz(ConnectorHealth health, ConnectorCounters counters)
    {
        HealthReport report = health.Report();
        return report.IsHealthy
            ? Results.Text(CountersJson.Format(counters.Snapshot(), "ok"), "application/json")
            : Results.Text(report.Reason + "\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static string StatusOf(ConnectorHealth health) => health.Report().IsHealthy ? "ok" : "unavailable";

    private static IPEndPoint BoundAddress(WebApplication app, IPEndPoint requested)
    {
        string? bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out Uri? uri)
            ? new IPEndPoint(requested.Address, uri.Port)
            : requested;
    }
}
