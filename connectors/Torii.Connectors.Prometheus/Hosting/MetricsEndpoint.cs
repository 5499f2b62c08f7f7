using Microsoft.AspNetCore.Http;
using Torii.Connectors.Prometheus.Exposition;
using Torii.Connectors.Prometheus.Mapping;
using Torii.Connectors.Prometheus.Scraping;

namespace Torii.Connectors.Prometheus.Hosting;

/// <summary>
/// GET /metrics: one metrics query to the proxy, written in the format the Accept header asks for. When the
/// proxy cannot be asked, 503 with the reason on one line, so that Prometheus records the target as down
/// instead of storing an empty scrape.
/// </summary>
internal static class MetricsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ProxyMetricsSource source, ProxyStateLog stateLog)
    {
        ScrapeResult result = await source.ScrapeAsync(context.RequestAborted).ConfigureAwait(false);
        stateLog.Report(result.Failure);
        if (result.Metrics is null)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, result.Failure!).ConfigureAwait(false);
            return;
        }

        ExpositionFormat format = ContentNegotiation.Choose(context.Request.Headers.Accept.ToString());
        string body = PrometheusTextWriter.Write(MetricsMapper.Map(result.Metrics), format);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = PrometheusTextWriter.ContentType(format);
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
