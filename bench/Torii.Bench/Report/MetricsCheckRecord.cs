namespace Torii.Bench.Report;

/// <summary>
/// The proxy-wide http.requests counter around one scenario (m) run (raw line "metrics"): it must
/// not move while metrics are off, and moves by about the requests wrk completed while they are on.
/// </summary>
public sealed record MetricsCheckRecord(bool MetricsOn, int Round, long CounterBefore, long CounterAfter, long Requests)
{
    public long Counted => CounterAfter - CounterBefore;
}
