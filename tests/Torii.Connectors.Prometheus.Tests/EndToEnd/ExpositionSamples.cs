using System.Globalization;

namespace Torii.Connectors.Prometheus.Tests.EndToEnd;

/// <summary>The samples of a text exposition, by their exact text: name and labels as written.</summary>
public sealed class ExpositionSamples
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public ExpositionSamples(string exposition)
    {
        Text = exposition;
        foreach (string line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            int space = line.LastIndexOf(' ');
            _values[line[..space]] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    public string Text { get; }

    /// <param name="series">E.g. <c>torii_http_requests_total{cluster_id="app"}</c>.</param>
    public double? this[string series] => _values.TryGetValue(series, out double value) ? value : null;
}
