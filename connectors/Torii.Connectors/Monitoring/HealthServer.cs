using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Torii.Connectors.Monitoring;

/// <summary>
/// A connector's HTTP endpoint, on the one address it is given. GET /healthz: 200 with the counters as JSON
/// when the connector can do its work, else 503 with one line saying what is down. GET /counters: the
/// counters, whatever the health. GET /metrics: the connector's metrics in the Prometheus text format
/// (OpenMetrics when the Accept header asks for it).
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
        IPEndPoint address, IConnectorStatus status, ConnectorMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(metrics);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(address));
        WebApplication app = builder.Build();
        app.MapGet("/healthz", () => Healthz(status));
        app.MapGet("/counters", () => Json(status, status.Report().IsHealthy ? "ok" : "unavailable"));
        app.MapMetrics("/metrics", metrics.Registry);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new HealthServer(app, BoundAddress(app, address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IResult Healthz(IConnectorStatus status)
    {
        HealthReport report = status.Report();
        return report.IsHealthy
            ? Json(status, "ok")
            : Results.Text(report.Reason + "\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Json(IConnectorStatus status, string statusText)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", statusText);
            status.WriteCounters(writer);
            writer.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json");
    }

    private static IPEndPoint BoundAddress(WebApplication app, IPEndPoint requested)
    {
        string? bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out Uri? uri)
            ? new IPEndPoint(requested.Address, uri.Port)
            : requested;
    }
}
