using System.Diagnostics;
using System.Net;
using System.Text;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Prometheus.Tests.EndToEnd;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Infrastructure;

/// <summary>A published connector executable running with the test's flags, its /healthz on a free loopback port.</summary>
public sealed class ConnectorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly HttpClient _http;

    private ConnectorProcess(Process process, int healthzPort)
    {
        _process = process;
        HealthzPort = healthzPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthzPort}"), Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HealthzPort { get; }

    public int ProcessId => _process.Id;

    public string CountersUrl => $"http://127.0.0.1:{HealthzPort}/counters";

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the executable and returns once its /healthz answers 200.</summary>
    public static async Task<ConnectorProcess> StartAsync(string executable, IEnumerable<string> arguments, string workingDirectory)
    {
        int healthzPort = FreePort.Next();
        var start = new ProcessStartInfo(executable, [.. arguments, "--healthz-address", $"127.0.0.1:{healthzPort}"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var connector = new ConnectorProcess(Process.Start(start)!, healthzPort);
        try
        {
            await connector.WaitUntilHealthyAsync();
            return connector;
        }
        catch
        {
            await connector.DisposeAsync();
            throw;
        }
    }

    public async Task<(HttpStatusCode Status, string Body)> HealthzAsync()
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync("/healthz");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException exception)
        {
            return (0, exception.Message);
        }
    }

    public async Task<CounterSnapshot> CountersAsync() => CountersJson.Parse(await _http.GetStringAsync("/counters"));

    /// <summary>GET /metrics, which must answer 200 in the Prometheus text format that promtool accepts.</summary>
    /// <param name="connector">The connector label its series carry.</param>
    public async Task<ConnectorSamples> CheckedMetricsAsync(string connector)
    {
        using HttpResponseMessage response = await _http.GetAsync("/metrics");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {body}");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var (exitCode, output) = await Promtool.CheckMetricsAsync(body);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- exposition ---\n{body}");
        return new ConnectorSamples(new ExpositionSamples(body), connector);
    }

    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null) =>
        await Eventually.HoldsAsync(
            async () =>
            {
                Assert.False(_process.HasExited, $"the connector exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
                return (await HealthzAsync()).Status == HttpStatusCode.OK;
            },
            () => $"connector healthy\n--- connector output ---\n{Output}",
            timeout ?? TimeSpan.FromSeconds(60));

    public async Task WaitForCountersAsync(Func<CounterSnapshot, bool> condition, string description, TimeSpan? timeout = null)
    {
        CounterSnapshot? last = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                last = await CountersAsync();
                return condition(last);
            },
            () => $"{description} (counters: {last})\n--- connector output ---\n{Output}",
            timeout);
    }

    /// <summary>Waits for a line of the connector's log, which it writes asynchronously after the event it reports.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)),
            () => $"the connector logged \"{text}\"\n--- connector output ---\n{Output}",
            timeout);

    /// <summary>Stops with SIGTERM, as a service manager does; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
