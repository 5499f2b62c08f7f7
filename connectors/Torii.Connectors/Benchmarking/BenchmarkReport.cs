using System.Globalization;

namespace Torii.Connectors.Benchmarking;

/// <summary>What a benchmark run measured; the rate counts from the first publish to the last request settled by the proxy.</summary>
public sealed record BenchmarkReport(int Count, TimeSpan Published, TimeSpan Settled, long Applied, long Failed)
{
    public double UpdatesPerSecond => Count / Settled.TotalSeconds;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"published {Count} requests in {Published.TotalSeconds:0.000} s ({Count / Published.TotalSeconds:0}/s); " +
        $"applied {Applied}, failed {Failed}, all settled {Settled.TotalSeconds:0.000} s after the first publish: {UpdatesPerSecond:0} updates/s");
}
