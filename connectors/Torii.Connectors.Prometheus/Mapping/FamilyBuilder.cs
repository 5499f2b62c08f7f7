using Torii.Connectors.Prometheus.Exposition;

namespace Torii.Connectors.Prometheus.Mapping;

/// <summary>Collects one family's series, each series' samples kept together and each label set only once.</summary>
internal sealed class FamilyBuilder(string name, MetricType type, string help, string? unit)
{
    private readonly List<MetricSample> _samples = [];
    private readonly HashSet<string> _seriesKeys = new(StringComparer.Ordinal);

    public string Name => name;

    public MetricType Type => type;

    /// <returns>False when the family already holds a series with these labels; the samples are then dropped.</returns>
    public bool TryAddSeries(IReadOnlyList<MetricLabel> labels, IEnumerable<MetricSample> samples)
    {
        // Separators that cannot be confused with label text, so that distinct label sets give distinct keys.
        string key = string.Join('\u0000', labels.Select(label => label.Name + '\u0001' + label.Value));
        if (!_seriesKeys.Add(key))
        {
            return false;
        }

        _samples.AddRange(samples);
        return true;
    }

    public MetricFamily Build() => new(name, type, help, unit, [.. _samples]);
}
