using Torii.Protocol;

namespace Torii.Connectors.Prometheus.Scraping;

/// <summary>The proxy's metrics, or one line saying why they could not be had.</summary>
internal sealed record ScrapeResult(AggregatedMetrics? Metrics, string? Failure)
{
    public static ScrapeResult Success(AggregatedMetrics metrics) => new(metrics, null);

    public static ScrapeResult Failed(string reason) => new(null, reason);
}
