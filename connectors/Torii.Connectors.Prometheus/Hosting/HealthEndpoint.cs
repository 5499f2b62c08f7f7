using Microsoft.AspNetCore.Http;
using Torii.Connectors.Prometheus.Scraping;

namespace Torii.Connectors.Prometheus.Hosting;

/// <summary>GET /healthz: 200 "ok" when the proxy answers on its command socket, else 503 with the reason, as every connector does.</summary>
internal static class HealthEndpoint
{
    public static async Task HandleAsync(HttpContext context, ProxyMetricsSource source)
    {
        string? failure = await source.CheckAsync(context.RequestAborted).ConfigureAwait(false);
        await (failure is null
            ? PlainText.WriteAsync(context, StatusCodes.Status200OK, "ok")
            : PlainText.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, failure)).ConfigureAwait(false);
    }
}
