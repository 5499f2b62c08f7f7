using Google.Protobuf.Collections;
using Torii.Protocol;
using Torii.Proxy.Metrics;

namespace Torii.Proxy.Http2.Defences;

/// <summary>How often each HTTP/2 defence fired, proxy-wide.</summary>
public sealed class Http2Metrics
{
    private static readonly string[] Names =
    [
        "h2.flood.rst_stream",
        "h2.flood.ping",
        "h2.flood.settings",
        "h2.flood.empty_data",
        "h2.flood.window_update",
        "h2.flood.continuation",
        "h2.limit.header_list_size",
        "h2.limit.header_fields",
        "h2.refused_stream",
        "h2.window_stall",
        "h2.flood.glitch",
        "h2.protocol_error",
    ];

    private readonly long[] _counts = new long[Names.Length];

    public void Record(Defence defence) => Interlocked.Increment(ref _counts[(int)defence]);

    public long Count(Defence defence) => Interlocked.Read(ref _counts[(int)defence]);

    public void Clear() => Array.Clear(_counts);

    public void WriteTo(MapField<string, FilteredMetrics> metrics, MetricFilter filter)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            filter.Count(metrics, Names[i], Interlocked.Read(ref _counts[i]));
        }
    }
}
