using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Prometheus.Tests.EndToEnd;

/// <summary>
/// A real Prometheus server (Debian's `prometheus`) of the test's own: its own data folder, its own loopback
/// port, scraping one target every second. Any system service the package started is not used.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

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

    /// <summary>Starts Prometheus scraping http://127.0.0.1:<paramref name="targetPort"/>/metrics as job "torii"; returns once it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(int targetPort)
    {
        string directory = Directory.CreateTempSubdirectory("torii-prometheus-server-").FullName;
        string config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: torii
                static_configs:
                  - targets: ["127.0.0.1:{targetPort}"]
            """);
        int port = FreePort.Next();
        var start = new ProcessStartInfo("prometheus",
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = new PrometheusServer(Process.Start(start)!, directory, port);
        try
        {
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An instant query through the HTTP API: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string Value)>> QueryAsync(string query)
    {
        string json = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(query)}"));
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.True(root.GetProperty("status").GetString() == "success", json);
        var series = new List<(IReadOnlyDictionary<string, string>, string)>();
        foreach (JsonElement result in root.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            Dictionary<string, string> labels = result.GetProperty("metric").EnumerateObject()
                .ToDictionary(label => label.Name, label => label.Value.GetString()!, StringComparer.Ordinal);
            series.Add((labels, result.GetProperty("value")[1].GetString()!));
        }

        return series;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using HttpResponseMessage response = await Http.GetAsync(new Uri($"http://127.0.0.1:{Port}/-/ready"));
                return response.IsSuccessStatusCode ? null : $"prometheus is not ready: {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                return $"prometheus does not answer on port {Port}: {exception.Message}\n{Output}";
            }
        }, TimeSpan.FromSeconds(60));
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
