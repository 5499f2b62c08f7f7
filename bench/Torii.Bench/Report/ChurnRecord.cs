namespace Torii.Bench.Report;

/// <summary>The command churn that ran beside one scenario (f) run (raw line "churn").</summary>
public sealed record ChurnRecord(
    int Round, long Applied, long Failed, double Seconds, double CommandP50Microseconds, double CommandP99Microseconds, double ToolCpuPercent)
{
    public double Rate => Applied / Seconds;
}
