using System.Globalization;
using System.Text;

namespace Torii.Bench.Report;

/// <summary>Writes the Markdown report: header, one results table with ratio rows, targets, per-run numbers.</summary>
public sealed class ReportWriter(RawResults raw, IReadOnlyDictionary<string, string> meta)
{
    private static readonly IReadOnlyList<string> LoadScenarios = ["a", "b", "c", "d"];

    private static readonly IReadOnlyList<string> TlsScenarios = ["g1", "g2"];

    /// <summary>The metrics target: throughput with metrics on is within 3% of metrics off.</summary>
    private const double MetricsThroughputTargetPercent = 3;

    /// <summary>Issue 14's memory target for scenario (e): RSS per idle keep-alive client connection.</summary>
    private const double IdleKibPerConnectionTarget = 2;

    private readonly StringBuilder _out = new();

    public string Write()
    {
        WriteHeader();
        WriteTable();
        WriteTargets();
        WriteMetricsCost();
        WriteNotes();
        WritePerRun();
        return _out.ToString();
    }

    private string Meta(string key) => meta.GetValueOrDefault(key, "?");

    private void Line(string text = "") => _out.Append(text).Append('\n');

    private void WriteHeader()
    {
        Line("# Torii benchmark: torii vs HAProxy vs nginx vs YARP");
        Line();
        Line($"- Date: {Meta("date")}");
        Line($"- Command: `{Meta("command")}`");
        Line($"- Machine: {Meta("nproc")} CPUs ({Meta("cpu")}), {Meta("memory")}, {Meta("kernel")}");
        Line($"- Versions: torii {Meta("torii_commit")} (.NET {Meta("dotnet")}), {Meta("haproxy")}, {Meta("nginx")}, {Meta("yarp")}, {Meta("wrk")}; " +
             $"torii environment: {Meta("torii_env")}; torii worker_count: {Meta("torii_worker_count")}");
        Line($"- Load: wrk, {Meta("threads")} threads, {Meta("connections")} connections, {Meta("duration")} s per run, " +
             $"{Meta("rounds")} round(s) alternating the proxies (start rotated each round), median reported; " +
             $"warm-up per scenario: torii and YARP {Meta("warmup")} s, HAProxy and nginx {Meta("warmup_others")} s");
        Line($"- Everything runs on loopback on this one machine ({Meta("pinning")}): wrk ({Meta("threads")} threads), the backend nginx (1 worker), " +
             $"the bench helpers and the proxy compete for {Meta("nproc")} CPUs, so req/s and latency are bounded by the whole system, not the proxy alone; " +
             "CPU µs/req is the proxy process's own utime+stime (all its threads, nginx master+worker) divided by the requests wrk completed.");
        var otherLoad = Median.Of(raw.Runs.Select(run => run.OtherLoadPercent));
        Line($"- Other work on the machine (CPU of processes outside the benchmark, % of all CPUs): {Meta("load_before")}% just before measuring, " +
             $"median {Units.Number(otherLoad, "0.0")}% during the runs (per run: last table; each run first waited up to {Meta("quiet_wait")} s for it to drop below 10%)." +
             (otherLoad > NoisyLoadPercent
                 ? " **The machine was not quiet: req/s and latency are disturbed; CPU µs/req (the proxy's own CPU) is the more reliable comparison.**"
                 : ""));
        Line();
    }

    private const double NoisyLoadPercent = 5;

    private void WriteTable()
    {
        Line("| scenario | proxy | req/s | CPU µs/req | p50 | p99 | RSS | notes |");
        Line("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var scenario in LoadScenarios)
        {
            WriteLoadScenario(scenario);
        }

        WriteIdleScenario();
        WriteChurnScenario();
        foreach (var scenario in TlsScenarios)
        {
            WriteLoadScenario(scenario);
        }

        WriteMetricsScenario();
        Line();
    }

    private Summary? SummaryOf(string scenario, string proxy) =>
        Summary.Of(raw.Runs.Where(run => run.Scenario == scenario && run.Proxy == proxy));

    private void WriteLoadScenario(string scenario)
    {
        var title = Scenarios.Title(scenario, meta);
        var summaries = Scenarios.Proxies.ToDictionary(proxy => proxy, proxy => SummaryOf(scenario, proxy));
        if (summaries.Values.All(summary => summary is null))
        {
            return;
        }

        foreach (var proxy in Scenarios.Proxies)
        {
            if (summaries[proxy] is { } s)
            {
                var notes = string.Join("; ", new[]
                {
                    s.FailedRequests > 0 ? $"{Units.Count(s.FailedRequests)} failed requests over {s.Runs} runs" : "",
                    s.OtherLoadPercent > NoisyLoadPercent ? $"other load {Units.Number(s.OtherLoadPercent, "0")}%" : "",
                }.Where(note => note.Length > 0));
                Line($"| {title} | {Scenarios.ProxyName(proxy)} | {Units.Rate(s.RequestsPerSecond)} | {Units.Cpu(s.CpuPerRequest)} | " +
                     $"{Units.Latency(s.P50)} | {Units.Latency(s.P99)} | {Units.Memory(s.RssKib)} | {notes} |");
                title = "";
            }
        }

        WriteRatio(summaries["torii"], summaries["haproxy"], "torii/HAProxy", ScenarioTarget.For(scenario));
        WriteRatio(summaries["torii"], summaries["nginx"], "torii/nginx", null);
        WriteRatio(summaries["yarp"], summaries["haproxy"], "YARP/HAProxy", null);
    }

    private void WriteRatio(Summary? proxy, Summary? other, string label, ScenarioTarget? target)
    {
        if (proxy is null || other is null)
        {
            return;
        }

        var rps = proxy.RequestsPerSecond / other.RequestsPerSecond;
        var cpu = proxy.CpuPerRequest / other.CpuPerRequest;
        var p99 = proxy.P99 / other.P99;
        var notes = target is { } t ? t.Verdict(cpu, p99) : "";
        Line($"| | **{label}** | **{Units.Ratio(rps)}** | **{Units.Ratio(cpu)}** | {Units.Ratio(proxy.P50 / other.P50)} | " +
             $"**{Units.Ratio(p99)}** | {Units.Ratio(proxy.RssKib / other.RssKib)} | {notes} |");
    }

    private static string Mark(bool met) => ScenarioTarget.Mark(met);

    private void WriteIdleScenario()
    {
        if (raw.Idle.Count == 0)
        {
            return;
        }

        var title = Scenarios.Title("e", meta);
        var perConnection = new Dictionary<string, double>();
        foreach (var proxy in Scenarios.Proxies)
        {
            var records = raw.Idle.Where(record => record.Proxy == proxy).ToList();
            if (records.Count == 0)
            {
                continue;
            }

            // Only the first round measures growth: a process keeps (and may reuse) memory it once used.
            var first = records.MinBy(record => record.Round)!;
            var kib = first.KibPerConnection;
            perConnection[proxy] = kib;
            var notes = $"RSS {Units.Memory(first.RssBeforeKib)} → {Units.Memory(first.RssAfterKib)} with {Units.Count(first.Opened)} open " +
                        $"({Units.Count(first.Failed)} failed, {Units.Count(first.Alive)} still open after settling)";
            var later = records.Where(record => record != first).OrderBy(record => record.Round)
                .Select(record => $"round {record.Round}: {Units.Memory(record.RssBeforeKib)} → {Units.Memory(record.RssAfterKib)}")
                .ToList();
            if (later.Count > 0)
            {
                notes += $"; later rounds (memory kept from earlier rounds): {string.Join(", ", later)}";
            }
            Line($"| {title} | {Scenarios.ProxyName(proxy)} | — | — | — | — | {Units.Number(kib, "0.0")} KiB/conn | {notes} |");
            title = "";
        }

        foreach (var (proxy, other, label) in new[] { ("torii", "haproxy", "torii/HAProxy"), ("torii", "nginx", "torii/nginx"), ("yarp", "haproxy", "YARP/HAProxy") })
        {
            if (perConnection.TryGetValue(proxy, out var ours) && perConnection.TryGetValue(other, out var theirs))
            {
                var verdict = proxy == "torii" && other == "haproxy"
                    ? $"; target: ≤ {Units.Number(IdleKibPerConnectionTarget, "0")} KiB per connection {Mark(ours <= IdleKibPerConnectionTarget)}"
                    : "";
                Line($"| | **{label}** | — | — | — | — | **{Units.Ratio(ours / theirs)}** | RSS per connection{verdict} |");
            }
        }
    }

    private void WriteChurnScenario()
    {
        var churned = SummaryOf("f", "torii");
        if (churned is null)
        {
            return;
        }

        var applied = raw.Churn.Sum(churn => churn.Applied);
        var failedCommands = raw.Churn.Sum(churn => churn.Failed);
        var rate = Median.Of(raw.Churn.Select(churn => churn.Rate));
        var commandP99 = Median.Of(raw.Churn.Select(churn => churn.CommandP99Microseconds));
        var toolCpu = Median.Of(raw.Churn.Select(churn => churn.ToolCpuPercent));
        var verdict = churned.FailedRequests == 0 && failedCommands == 0 ? "**PASS**" : "**FAIL**";
        var notes = $"{verdict}: failed requests {Units.Count(churned.FailedRequests)} (non-2xx + socket errors, must be 0); " +
                    $"commands applied {Units.Count(applied)} ({Units.Rate(rate)}/s), failed {Units.Count(failedCommands)}, command p99 {Units.Latency(commandP99)}; " +
                    $"the churn tool itself used {Units.Number(toolCpu, "0")}% of a CPU";
        Line($"| {Scenarios.Title("f", meta)} | torii | {Units.Rate(churned.RequestsPerSecond)} | {Units.Cpu(churned.CpuPerRequest)} | " +
             $"{Units.Latency(churned.P50)} | {Units.Latency(churned.P99)} | {Units.Memory(churned.RssKib)} | {notes} |");
        if (SummaryOf("a", "torii") is { } steady)
        {
            Line($"| | **torii (f)/(a)** | {Units.Ratio(churned.RequestsPerSecond / steady.RequestsPerSecond)} | " +
                 $"{Units.Ratio(churned.CpuPerRequest / steady.CpuPerRequest)} | {Units.Ratio(churned.P50 / steady.P50)} | " +
                 $"{Units.Ratio(churned.P99 / steady.P99)} | {Units.Ratio(churned.RssKib / steady.RssKib)} | cost of the churn (CPU includes applying the commands) |");
        }
    }

    private (Summary On, Summary Off)? MetricsSummaries() =>
        SummaryOf("m-on", "torii") is { } on && SummaryOf("m-off", "torii") is { } off ? (on, off) : null;

    private void WriteMetricsScenario()
    {
        if (MetricsSummaries() is not var (on, off))
        {
            return;
        }

        var title = Scenarios.Title("m", meta);
        foreach (var (summary, label) in new[] { (on, "torii, metrics on"), (off, "torii, metrics off") })
        {
            var notes = summary.FailedRequests > 0 ? $"{Units.Count(summary.FailedRequests)} failed requests over {summary.Runs} runs" : "";
            Line($"| {title} | {label} | {Units.Rate(summary.RequestsPerSecond)} | {Units.Cpu(summary.CpuPerRequest)} | " +
                 $"{Units.Latency(summary.P50)} | {Units.Latency(summary.P99)} | {Units.Memory(summary.RssKib)} | {notes} |");
            title = "";
        }

        Line($"| | **on/off** | **{Units.Ratio(on.RequestsPerSecond / off.RequestsPerSecond)}** | **{Units.Ratio(on.CpuPerRequest / off.CpuPerRequest)}** | " +
             $"{Units.Ratio(on.P50 / off.P50)} | **{Units.Ratio(on.P99 / off.P99)}** | {Units.Ratio(on.RssKib / off.RssKib)} | {MetricsVerdict(on, off)} |");
    }

    private static string MetricsVerdict(Summary on, Summary off)
    {
        var throughput = 100 * (on.RequestsPerSecond / off.RequestsPerSecond - 1);
        var cpu = 100 * (on.CpuPerRequest / off.CpuPerRequest - 1);
        return $"metrics on vs off: throughput {SignedPercent(throughput)} (target within {MetricsThroughputTargetPercent:0}%) " +
               $"{Mark(throughput >= -MetricsThroughputTargetPercent)}, CPU per request {SignedPercent(cpu)}";
    }

    private static string SignedPercent(double percent) => $"{(percent >= 0 ? "+" : "")}{Units.Number(percent, "0.0")}%";

    private void WriteMetricsCost()
    {
        if (MetricsSummaries() is not var (on, off))
        {
            return;
        }

        Line("## Metrics cost (scenario m, torii, metrics on vs off)");
        Line();
        Line($"- {MetricsVerdict(on, off)}");
        Line($"- Req/s {Units.Rate(on.RequestsPerSecond)} on vs {Units.Rate(off.RequestsPerSecond)} off; " +
             $"CPU {Units.Cpu(on.CpuPerRequest)} vs {Units.Cpu(off.CpuPerRequest)} µs/req; medians of {on.Runs} + {off.Runs} runs.");
        var rounds = raw.Runs.Where(run => run.Scenario == "m-on")
            .Join(raw.Runs.Where(run => run.Scenario == "m-off"), run => run.Round, run => run.Round, (runOn, runOff) => runOn.RequestsPerSecond / runOff.RequestsPerSecond)
            .Select(Units.Ratio);
        Line($"- Per round (the on and off runs side by side), req/s on/off: {string.Join(", ", rounds)}.");
        var checks = raw.MetricsChecks;
        var countedOff = checks.Where(check => !check.MetricsOn).Sum(check => check.Counted);
        var countedOn = checks.Where(check => check.MetricsOn).Sum(check => check.Counted);
        var requestsOn = checks.Where(check => check.MetricsOn).Sum(check => check.Requests);
        Line($"- Disabling took effect: the proxy-wide `http.requests` counter moved by {Units.Count(countedOff)} over the runs with metrics off " +
             $"{Mark(countedOff == 0)}, and by {Units.Count(countedOn)} over the runs with metrics on (wrk completed {Units.Count(requestsOn)}; " +
             "the proxy also counts the requests wrk sent but stopped waiting for).");
        Line();
    }

    /// <summary>Every load scenario's torii/HAProxy ratios against its target, in one list.</summary>
    private void WriteTargets()
    {
        var rows = new List<string>();
        foreach (var scenario in LoadScenarios.Concat(TlsScenarios))
        {
            if (SummaryOf(scenario, "torii") is { } torii && SummaryOf(scenario, "haproxy") is { } haproxy && ScenarioTarget.For(scenario) is { } target)
            {
                var cpu = torii.CpuPerRequest / haproxy.CpuPerRequest;
                var p99 = torii.P99 / haproxy.P99;
                rows.Add($"- ({scenario}): CPU {Units.Cpu(torii.CpuPerRequest)} vs {Units.Cpu(haproxy.CpuPerRequest)} µs/req = {Units.Ratio(cpu)}, " +
                         $"p99 {Units.Latency(torii.P99)} vs {Units.Latency(haproxy.P99)} = {Units.Ratio(p99)}; {target.Verdict(cpu, p99)}");
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        Line("## Targets (torii/HAProxy, shipped defaults)");
        Line();
        foreach (var row in rows)
        {
            Line(row);
        }

        Line("- (e), (2), (p), (h) and (s): their own rows and sections below give their targets.");
        Line();
    }

    private void WriteNotes()
    {
        Line("## How it was measured");
        Line();
        Line("- Backend: one nginx (1 worker) serving a 49-byte body (`/small`) and a 102,400-byte file (`/large`), keep-alive.");
        Line("- Proxies, each to that backend, all on 127.0.0.1: torii (`out/torii/torii start`, HTTP, HTTPS and TCP listener), " +
             "HAProxy (`nbthread 1`, `mode http`, `option http-keep-alive`, `http-reuse always`, an `ssl` bind, a `mode tcp` frontend), " +
             "nginx (`worker_processes 1`, `upstream` with `keepalive 64`, HTTP/1.1 upstream, an `ssl` listen, a `stream` server), " +
             "YARP (`bench/Yarp`: Yarp.ReverseProxy on ASP.NET Core, Kestrel's production defaults, server GC, no logging, HTTP/1.1 to the backend " +
             "over YARP's pooled keep-alive connections, an https listener with HTTP/1.1 and h2; no TCP proxying, so not in (d) and (p)). " +
             "All four add the same request headers torii adds (X-Forwarded-For/-Proto/-Port, Forwarded, a request id also returned to the client) and keep the client's Host; " +
             $"Access logs: {Meta("access_logs")}. Configs: `bench/templates/`.");
        Line("- CPU µs/req: utime+stime delta of the proxy's processes from `/proc/PID/stat` over the wrk run, clock ticks → µs, " +
             "divided by the requests wrk completed. RSS: VmRSS of the proxy's processes at the end of the run. p50/p99: wrk `--latency`.");
        Line("- (c) sends `Connection: close` on every request (a new client connection per request; proxies keep their backend connections).");
        Line("- (d) runs the same HTTP keep-alive load through each proxy's TCP listener (torii tcp listener, HAProxy `mode tcp`, nginx `stream`).");
        Line($"- (e) opens {Meta("idle_connections")} client connections to each proxy, each sending one request and keeping the connection open; " +
             "(RSS after − RSS before) / connections, measured 2 s after the last one opened, on the proxy as the load scenarios left it; " +
             $"{Meta("idle_rounds")} round(s), the first one counts (memory a process once used stays in its RSS).");
        Line("- Other load: the machine's busy CPU time (/proc/stat user+nice+system+steal) during a run minus the proxy's, the backend's, wrk's " +
             "and the churn tool's, in % of all CPUs; other processes on the machine (builds, tests) disturb the numbers when it is high.");
        Line("- (g1) is (a) over HTTPS; (g2) is (c) over HTTPS: a new TLS connection per request, so req/s = full handshakes/s. " +
             $"TLS 1.3 only on all four (torii `tls_versions = [\"TLS_V1_3\"]`, HAProxy `ssl-min-ver TLSv1.3`, nginx `ssl_protocols TLSv1.3`, YARP Kestrel `SslProtocols: [Tls13]`); " +
             $"certificate: {Meta("tls_certificate")}; negotiated: {Meta("tls_negotiated")}. " +
             "wrk keeps the session of a closed connection and offers it on the next one, so every proxy refuses resumption for a full handshake each time: " +
             $"HAProxy `no-tls-tickets` + `tune.ssl.cachesize 0`, nginx `ssl_session_tickets off` + `ssl_session_cache off`, torii and YARP {Meta("torii_tls_env")} " +
             "(.NET resumes otherwise; `DOTNET_SYSTEM_NET_SECURITY_DISABLETLSRESUME=1` would also refuse it, but makes .NET build a new OpenSSL context for every handshake, " +
             "which no other proxy does); checked at start with `openssl s_client -sess_out` then `-sess_in` (the second handshake must be New, not Reused, " +
             "or the first one must bring no ticket). " +
             "p50/p99 of (c) and (g2) are wrk's, from writing the request to reading the response: the connect and the handshake are not in them; " +
             "their cost shows in req/s and CPU µs/req.");
        Line($"- (m) runs (a) against torii only, {Meta("metrics_rounds")} round(s) of one run with metrics on and one with them off " +
             "(order on/off, then off/on), switched in the same process with `torii metrics enable|disable` (Sōzu's `configure_metrics`); " +
             "the proxy-wide `http.requests` counter is read before and after each run and must not move while metrics are off.");
        Line($"- (f) runs (a) against torii while `torii-bench churn` adds and removes backends of the live cluster through the command socket at " +
             $"{Meta("churn_rate")} commands/s ({Meta("churn_target")} address: {Meta("churn_target_note")}); failed requests = wrk non-2xx + socket errors.");
        Line();
    }

    private void WritePerRun()
    {
        Line("## Per-run numbers");
        Line();
        Line("| scenario | proxy | round | req/s | CPU µs/req | p50 | p99 | RSS | failed req | other load |");
        Line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in raw.Runs.OrderBy(run => run.Scenario, StringComparer.Ordinal).ThenBy(run => run.Round))
        {
            Line($"| {run.Scenario} | {Scenarios.ProxyName(run.Proxy)} | {run.Round} | {Units.Rate(run.RequestsPerSecond)} | {Units.Cpu(run.CpuPerRequest)} | " +
                 $"{Units.Latency(run.P50Microseconds)} | {Units.Latency(run.P99Microseconds)} | {Units.Memory(run.RssKib)} | {run.FailedRequests.ToString(CultureInfo.InvariantCulture)} | " +
                 $"{Units.Number(run.OtherLoadPercent, "0.0")}% |");
        }

        Line();
    }
}
