namespace Torii.Connectors.Prometheus.Exposition;

/// <param name="Value">Raw text; the writer escapes it.</param>
internal readonly record struct MetricLabel(string Name, string Value);
