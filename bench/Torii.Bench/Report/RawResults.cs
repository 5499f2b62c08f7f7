using System.Globalization;

namespace Torii.Bench.Report;

/// <summary>
/// The tab-separated lines bench/run.sh appends while it measures:
/// <c>run SCENARIO PROXY ROUND REQUESTS SECONDS CPU_US P50_US P99_US RSS_KIB SOCKET_ERRORS NON2XX OTHER_LOAD_PCT</c>,
/// <c>idle e PROXY ROUND CONNECTIONS OPENED FAILED ALIVE RSS_BEFORE_KIB RSS_AFTER_KIB</c>,
/// <c>churn f torii ROUND APPLIED FAILED SECONDS CMD_P50_US CMD_P99_US TOOL_CPU_PCT</c>,
/// <c>metrics m on|off ROUND COUNTER_BEFORE COUNTER_AFTER REQUESTS</c>.
/// </summary>
public sealed class RawResults
{
    public List<RunRecord> Runs { get; } = [];

    public List<IdleRecord> Idle { get; } = [];

    public List<ChurnRecord> Churn { get; } = [];

    public List<MetricsCheckRecord> MetricsChecks { get; } = [];

    public static RawResults Read(string path)
    {
        var results = new RawResults();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var f = line.Split('\t');
            try
            {
                switch (f[0])
                {
                    case "run":
                        results.Runs.Add(new RunRecord(f[1], f[2], I(f[3]), L(f[4]), D(f[5]), D(f[6]), D(f[7]), D(f[8]), L(f[9]), L(f[10]), L(f[11]), D(f[12])));
                        break;
                    case "idle":
                        results.Idle.Add(new IdleRecord(f[2], I(f[3]), I(f[4]), I(f[5]), I(f[6]), I(f[7]), L(f[8]), L(f[9])));
                        break;
                    case "churn":
                        results.Churn.Add(new ChurnRecord(I(f[3]), L(f[4]), L(f[5]), D(f[6]), D(f[7]), D(f[8]), D(f[9])));
                        break;
                    case "metrics":
                        results.MetricsChecks.Add(new MetricsCheckRecord(OnOff(f[2]), I(f[3]), L(f[4]), L(f[5]), L(f[6])));
                        break;
                    default:
                        throw new FormatException($"unknown record '{f[0]}'");
                }
            }
            catch (Exception error) when (error is FormatException or IndexOutOfRangeException or OverflowException)
            {
                throw new ArgumentException($"{path}:{number}: {error.Message}: {line}", error);
            }
        }

        return results;
    }

    private static int I(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static long L(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static bool OnOff(string text) => text switch
    {
        "on" => true,
        "off" => false,
        _ => throw new FormatException($"'{text}' is neither on nor off"),
    };

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
