using System.Globalization;

namespace Torii.Connectors.Prometheus.Exposition;

/// <summary>
/// Picks the format from an Accept header: OpenMetrics when "application/openmetrics-text" (version 1.0.0 or
/// none given) ranks above every other acceptable type, else the text format 0.0.4, which is also the answer
/// to no header, "*/*" and types we do not write.
/// </summary>
internal static class ContentNegotiation
{
    private const string OpenMetricsMediaType = "application/openmetrics-text";

    public static ExpositionFormat Choose(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ExpositionFormat.PrometheusText;
        }

        double openMetricsQuality = 0;
        double otherQuality = 0;
        foreach (string range in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = range.Split(';', StringSplitOptions.TrimEntries);
            double quality = Parameter(parts, "q") is { } q && double.TryParse(q, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
                ? parsed
                : 1;
            if (string.Equals(parts[0], OpenMetricsMediaType, StringComparison.OrdinalIgnoreCase))
            {
                if (Parameter(parts, "version") is null or "1.0.0")
                {
                    openMetricsQuality = Math.Max(openMetricsQuality, quality);
                }
            }
            else
            {
                otherQuality = Math.Max(otherQuality, quality);
            }
        }

        return openMetricsQuality > 0 && openMetricsQuality >= otherQuality
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;
    }

    private static string? Parameter(string[] parts, string name)
    {
        foreach (string part in parts.AsSpan(1))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(part[..equals].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
