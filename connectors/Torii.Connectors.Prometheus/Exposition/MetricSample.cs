namespace Torii.Connectors.Prometheus.Exposition;

/// <param name="Name">The sample's full name, suffix included (e.g. "torii_http_requests_total", "..._bucket").</param>
internal sealed record MetricSample(string Name, IReadOnlyList<MetricLabel> Labels, SampleValue Value);
