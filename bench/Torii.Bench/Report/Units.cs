using System.Globalization;

namespace Torii.Bench.Report;

/// <summary>How numbers are written in the report.</summary>
public static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Rate(double perSecond) => double.IsNaN(perSecond) ? "—" : perSecond.ToString("#,0", Invariant);

    public static string Cpu(double microseconds) => double.IsNaN(microseconds) ? "—" : microseconds.ToString("0.0", Invariant);

    public static string Latency(double microseconds) =>
        double.IsNaN(microseconds) ? "—"
        : microseconds < 1000 ? $"{microseconds.ToString("0", Invariant)} µs"
        : $"{(microseconds / 1000).ToString("0.00", Invariant)} ms";

    public static string Memory(double kib) => double.IsNaN(kib) ? "—" : $"{(kib / 1024).ToString("0.0", Invariant)} MiB";

    public static string Ratio(double ratio) =>
        double.IsNaN(ratio) || double.IsInfinity(ratio) ? "—" : $"{ratio.ToString("0.00", Invariant)}×";

    public static string Count(long count) => count.ToString("#,0", Invariant);

    public static string Number(double value, string format) => value.ToString(format, Invariant);
}
