using System.Text;

namespace Torii.Bench.Report;

/// <summary>torii-bench report: raw results + run metadata → bench/results/latest.md.</summary>
public static class ReportCommand
{
    /// <returns>0, or 3 when scenario (f) lost requests or commands (the run itself still succeeded).</returns>
    public static int Run(Arguments options)
    {
        var raw = RawResults.Read(options.Text("raw"));
        var meta = ReadMeta(options.Text("meta"));
        var markdown = new ReportWriter(raw, meta).Write();
        File.WriteAllText(options.Text("out"), markdown, new UTF8Encoding(false));
        var churnFailed = raw.Churn.Sum(churn => churn.Failed) + raw.Runs.Where(run => run.Scenario == "f").Sum(run => run.FailedRequests);
        return churnFailed > 0 ? 3 : 0;
    }

    private static Dictionary<string, string> ReadMeta(string path)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                meta[line[..equals]] = line[(equals + 1)..];
            }
        }

        return meta;
    }
}
