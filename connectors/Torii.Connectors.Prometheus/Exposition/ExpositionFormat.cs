namespace Torii.Connectors.Prometheus.Exposition;

internal enum ExpositionFormat
{
    /// <summary>The Prometheus text format 0.0.4, what every scraper reads.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0.0 text, for scrapers that ask for it.</summary>
    OpenMetrics,
}
