using System.Diagnostics;
using System.Text.RegularExpressions;
using Torii.Connectors.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Torii.Connectors.Tests.RabbitMq;

/// <summary>
/// Measures the end-to-end rate with `torii-rabbitmq bench`: 20,000 add_backend/remove_backend requests
/// published to RabbitMQ, timed until the proxy answered them all. The rate is printed (run with
/// --logger "console;verbosity=detailed"); the test checks that every update was applied.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed partial class RabbitMqRateTests(SharedRabbitMqNode shared, ITestOutputHelper output)
{
    private const int Updates = 20_000;
    private const int WarmUpRuns = 2;

    [Fact]
    public async Task Twenty_thousand_updates_flow_from_rabbitmq_into_the_proxy_and_the_rate_is_reported()
    {
        // A line per change at 20,000 changes a second would measure the log, not the update path.
        await using RabbitMqScenario scenario = await RabbitMqScenario.StartAsync(shared.Node, toriiConfig: "log_level = \"warn\"");

        // The connector and the proxy have just started: runs before the measured one let the JIT finish with their hot paths.
        for (int warmUp = 0; warmUp < WarmUpRuns; warmUp++)
        {
            (int warmUpExit, string warmUpOutput) = await BenchAsync(scenario, Updates);
            Assert.True(warmUpExit == 0, warmUpOutput);
        }

        int torii = ProcessCpu.Find("start", scenario.Torii.ConfigPath) ?? 0;
        int[] measuredProcesses = [scenario.Connector.ProcessId, torii, shared.Node.VirtualMachineProcessId];
        TimeSpan[] before = [.. measuredProcesses.Select(ProcessCpu.Of)];
        (int exitCode, string report) = await BenchAsync(scenario, Updates);
        TimeSpan[] used = [.. measuredProcesses.Select((pid, i) => ProcessCpu.Of(pid) - before[i])];
        output.WriteLine(report);
        output.WriteLine(
            $"CPU per update during the measured run: connector {Micro(used[0])} µs, torii {Micro(used[1])} µs, RabbitMQ {Micro(used[2])} µs " +
            $"(machine: {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");

        Assert.True(exitCode == 0, $"bench exited with {exitCode}: {report}\n--- connector ---\n{scenario.Connector.Output}");
        Match measured = Report().Match(report);
        Assert.True(measured.Success, report);
        Assert.Equal($"{Updates}", measured.Groups["applied"].Value);
        Assert.Equal("0", measured.Groups["failed"].Value);
    }

    private async Task<(int ExitCode, string Output)> BenchAsync(RabbitMqScenario scenario, int count)
    {
        var start = new ProcessStartInfo(
            PublishedConnectors.RabbitMq,
            ["bench", "--url", shared.Node.Url, "--exchange", scenario.Exchange, "--count", $"{count}", "--counters-url", scenario.Connector.CountersUrl, "--timeout-s", "240"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process bench = Process.Start(start)!;
        Task<string> printed = bench.StandardOutput.ReadToEndAsync();
        Task<string> errors = bench.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        await bench.WaitForExitAsync(timeout.Token);
        return (bench.ExitCode, await printed + await errors);
    }

    private static string Micro(TimeSpan cpu) => (cpu.TotalMicroseconds / Updates).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"applied (?<applied>\d+), failed (?<failed>\d+), all settled [\d.]+ s after the first publish: (?<rate>\d+) updates/s")]
    private static partial Regex Report();
}
