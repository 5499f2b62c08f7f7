using System.Text;

namespace Torii.Connectors.Prometheus.Exposition;

/// <summary>
/// Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0.0 text. The two differ
/// only in metadata: 0.0.4 names a counter's family with its "_total" sample name, writes HELP before TYPE
/// and escapes only backslash and newline in HELP; OpenMetrics names the family without "_total", writes
/// TYPE, UNIT, HELP, escapes HELP like a label value and ends with "# EOF".
/// </summary>
internal static class PrometheusTextWriter
{
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static string ContentType(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : PrometheusTextContentType;

    public static string Write(IEnumerable<MetricFamily> families, ExpositionFormat format)
    {
        var text = new StringBuilder();
        foreach (MetricFamily family in families)
        {
            if (format == ExpositionFormat.OpenMetrics)
            {
                WriteOpenMetricsMetadata(text, family);
            }
            else
            {
                WritePrometheusTextMetadata(text, family);
            }

            foreach (MetricSample sample in family.Samples)
            {
                WriteSample(text, sample);
            }
        }

        if (format == ExpositionFormat.OpenMetrics)
        {
            text.Append("# EOF\n");
        }

        return text.ToString();
    }

    private static void WritePrometheusTextMetadata(StringBuilder text, MetricFamily family)
    {
        string name = family.Type == MetricType.Counter ? family.Name + "_total" : family.Name;
        text.Append("# HELP ").Append(name).Append(' ');
        AppendEscaped(text, family.Help, escapeQuotes: false);
        text.Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(TypeName(family.Type)).Append('\n');
    }

    private static void WriteOpenMetricsMetadata(StringBuilder text, MetricFamily family)
    {
        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
        if (family.Unit is { Length: > 0 } unit && family.Name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            text.Append("# UNIT ").Append(family.Name).Append(' ').Append(unit).Append('\n');
        }

        text.Append("# HELP ").Append(family.Name).Append(' ');
        AppendEscaped(text, family.Help, escapeQuotes: true);
        text.Append('\n');
    }

    private static void WriteSample(StringBuilder text, MetricSample sample)
    {
        text.Append(sample.Name);
        if (sample.Labels.Count > 0)
        {
            text.Append('{');
            for (int i = 0; i < sample.Labels.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(sample.Labels[i].Name).Append("=\"");
                AppendEscaped(text, sample.Labels[i].Value, escapeQuotes: true);
                text.Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(sample.Value.ToString()).Append('\n');
    }

    private static void AppendEscaped(StringBuilder text, string value, bool escapeQuotes)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case '"' when escapeQuotes:
                    text.Append("\\\"");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
    }

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.Summary => "summary",
        _ => "untyped",
    };
}
