namespace Torii.Bench.Report;

/// <summary>Medians of one proxy's runs in one scenario.</summary>
public sealed record Summary(
    int Runs, double RequestsPerSecond, double CpuPerRequest, double P50, double P99, double RssKib, long FailedRequests, double OtherLoadPercent)
{
    public static Summary? Of(IEnumerable<RunRecord> records)
    {
        var runs = records.ToList();
        return runs.Count == 0
            ? null
            : new Summary(
                runs.Count,
                Median.Of(runs.Select(run => run.RequestsPerSecond)),
                Median.Of(runs.Select(run => run.CpuPerRequest)),
                Median.Of(runs.Select(run => run.P50Microseconds)),
                Median.Of(runs.Select(run => run.P99Microseconds)),
                Median.Of(runs.Select(run => (double)run.RssKib)),
                runs.Sum(run => run.FailedRequests),
                Median.Of(runs.Select(run => run.OtherLoadPercent)));
    }
}
