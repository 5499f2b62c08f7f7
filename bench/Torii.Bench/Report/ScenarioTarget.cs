namespace Torii.Bench.Report;

/// <summary>
/// A load scenario's target as torii/HAProxy ratios (issue 14): CPU per request always, p99 only
/// where the scenario's latency is the proxy's (not (b)'s 100 KiB transfers nor (g2)'s handshakes).
/// </summary>
public sealed record ScenarioTarget(double MaxCpuRatio, double? MaxP99Ratio)
{
    public static ScenarioTarget? For(string scenario) => scenario switch
    {
        "a" or "c" or "d" or "g1" => new ScenarioTarget(0.90, 1.00),
        "b" => new ScenarioTarget(0.90, null),
        "g2" => new ScenarioTarget(1.20, null),
        _ => null,
    };

    public string Verdict(double cpuRatio, double p99Ratio)
    {
        var cpu = FormattableString.Invariant($"target: CPU ≤ {MaxCpuRatio:0.00}× {Mark(cpuRatio <= MaxCpuRatio)}");
        return MaxP99Ratio is { } p99 ? FormattableString.Invariant($"{cpu}, p99 ≤ {p99:0.00}× {Mark(p99Ratio <= p99)}") : cpu;
    }

    public static string Mark(bool met) => met ? "✓" : "✗";
}
