using System.Globalization;
using Torii.Protocol;
using Kind = Torii.Protocol.FilteredMetrics.InnerOneofCase;

namespace Torii.Cli.Output;

/// <summary>
/// One metric's value as a table cell: counts and gauges as numbers; a histogram (microseconds) as its count,
/// mean and approximate p50 and p99.
/// </summary>
internal static class MetricValueText
{
    public static string Of(FilteredMetrics metric) => metric.InnerCase switch
    {
        Kind.Count => Display.Number(metric.Count),
        Kind.Gauge => Display.Number(metric.Gauge),
        Kind.Time => Display.Number(metric.Time),
        Kind.Histogram => Histogram(metric.Histogram),
        Kind.Percentiles => Percentiles(metric.Percentiles),
        Kind.TimeSerie => $"last second {Display.Number(metric.TimeSerie.LastSecond)}",
        _ => Display.None,
    };

    private static string Histogram(FilteredHistogram histogram)
    {
        if (histogram.Count == 0)
        {
            return "count 0";
        }

        double mean = (double)histogram.Sum / histogram.Count;
        return $"count {Display.Number(histogram.Count)}, mean {Duration(mean)}, "
            + $"p50 ~{Duration(HistogramQuantile.Estimate(histogram, 0.5))}, p99 ~{Duration(HistogramQuantile.Estimate(histogram, 0.99))}";
    }

    // Sōzu's percentiles carry no unit, so they are shown as the proxy sent them.
    private static string Percentiles(Percentiles percentiles) =>
        $"samples {Display.Number(percentiles.Samples)}, p50 {Display.Number(percentiles.P50)}, "
        + $"p99 {Display.Number(percentiles.P99)}, max {Display.Number(percentiles.P100)}";

    /// <summary>Microseconds in the unit that keeps the number short: µs, ms or s.</summary>
    public static string Duration(double microseconds) => microseconds switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds:0.#} µs"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000_000:0.##} s"),
    };
}
