namespace Torii.Bench.Report;

/// <summary>One measured wrk run against one proxy (raw line "run").</summary>
public sealed record RunRecord(
    string Scenario, string Proxy, int Round, long Requests, double Seconds, double CpuMicroseconds,
    double P50Microseconds, double P99Microseconds, long RssKib, long SocketErrors, long Non2xx, double OtherLoadPercent)
{
    public double RequestsPerSecond => Requests / Seconds;

    public double CpuPerRequest => Requests == 0 ? double.NaN : CpuMicroseconds / Requests;

    public long FailedRequests => SocketErrors + Non2xx;
}
