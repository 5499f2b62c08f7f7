using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>
/// `torii metrics get [--cluster ID]... [--backend ID]... [--name NAME]... [--list]` and
/// `torii metrics enable|disable|clear`, as in Sōzu's CLI.
/// </summary>
internal static class MetricsCommands
{
    public static Command Create(CommonOptions common) =>
        new("metrics", "Show the proxy's counters, gauges and latency histograms")
        {
            CreateGet(common),
            CreateConfigure("enable", "Record metrics again (the default)", MetricsConfiguration.Enabled, common),
            CreateConfigure("disable", "Stop recording metrics; the values kept so far stay as they are", MetricsConfiguration.Disabled, common),
            CreateConfigure("clear", "Reset every counter and histogram to zero", MetricsConfiguration.Clear, common),
        };

    private static RequestCommand CreateConfigure(string name, string description, MetricsConfiguration configuration, CommonOptions common) =>
        new(name, description, common, _ => [new Request { ConfigureMetrics = configuration }]);

    private static RequestCommand CreateGet(CommonOptions common)
    {
        var clusters = new Option<string[]>("--cluster")
        {
            Description = "Only this cluster (repeat for more); the proxy-wide metrics are always shown",
            HelpName = "ID",
        };
        var backends = new Option<string[]>("--backend")
        {
            Description = "Only this backend within the clusters shown (repeat for more)",
            HelpName = "ID",
        };
        var names = new Option<string[]>("--name")
        {
            Description = "Only this metric, e.g. http.requests (repeat for more)",
            HelpName = "NAME",
        };
        var list = new Option<bool>("--list") { Description = "List the metric names instead of their values" };

        return new RequestCommand("get", "Show the metrics: proxy-wide, then per cluster and per backend", common, parseResult =>
        {
            var options = new QueryMetricsOptions
            {
                ClusterIds = { parseResult.GetValue(clusters) ?? [] },
                BackendIds = { parseResult.GetValue(backends) ?? [] },
                MetricNames = { parseResult.GetValue(names) ?? [] },
            };
            if (parseResult.GetValue(list))
            {
                options.List = true;
            }

            return [new Request { QueryMetrics = options }];
        })
        {
            clusters, backends, names, list,
        };
    }
}
