namespace Torii.Connectors.Prometheus.Exposition;

/// <summary>One metric family: its metadata and its samples, each series' samples together.</summary>
/// <param name="Name">
/// The family name as OpenMetrics writes it in TYPE and HELP: a counter's is without "_total", which its
/// samples carry.
/// </param>
/// <param name="Help">Raw text; the writer escapes it.</param>
/// <param name="Unit">OpenMetrics' UNIT, written only when the name ends with "_" and this unit.</param>
internal sealed record MetricFamily(string Name, MetricType Type, string Help, string? Unit, IReadOnlyList<MetricSample> Samples);
