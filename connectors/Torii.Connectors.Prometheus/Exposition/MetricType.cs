namespace Torii.Connectors.Prometheus.Exposition;

internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
    Summary,
}
