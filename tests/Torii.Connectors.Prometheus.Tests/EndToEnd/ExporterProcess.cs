using System.Diagnostics;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Prometheus.Tests.EndToEnd;

/// <summary>A real torii-prometheus process on a free loopback port.</summary>
public sealed class ExporterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private ExporterProcess(Process process, int port)
    {
        _process = process;
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

    /// <summary>Starts it listening on 127.0.0.1 and a free port; returns once it answers HTTP.</summary>
    /// <param name="arguments">Everything but --listen-address, which this adds.</param>
    public static Task<ExporterProcess> StartAsync(string workingDirectory, params string[] arguments)
    {
        int port = FreePort.Next();
        return StartOnAsync(port, workingDirectory, ["--listen-address", $"127.0.0.1:{port}", .. arguments]);
    }

    /// <summary>Starts it with exactly these arguments, which must make it listen on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<ExporterProcess> StartOnAsync(int port, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(PublishedExporter.Path, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var exporter = new ExporterProcess(Process.Start(start)!, port);
        try
        {
            await exporter.WaitUntilServingAsync();
            return exporter;
        }
        catch
        {
            await exporter.DisposeAsync();
            throw;
        }
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public async Task<(int Status, string ContentType, string Body)> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        string contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        return ((int)response.StatusCode, contentType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>/metrics in the text format, which must answer 200.</summary>
    public async Task<ExpositionSamples> ScrapeAsync()
    {
        var (status, _, body) = await GetAsync("/metrics");
        Assert.True(status == 200, $"/metrics answered {status}: {body}\n--- torii-prometheus output ---\n{Output}");
        return new ExpositionSamples(body);
    }

    /// <summary>Asks it to stop as a service manager does (SIGTERM) and returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
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
    }

    private async Task WaitUntilServingAsync()
    {
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"torii-prometheus exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using HttpResponseMessage response = await Http.GetAsync(Url("/"));
                return null;
            }
            catch (HttpRequestException exception)
            {
                return $"torii-prometheus does not answer on port {Port}: {exception.Message}\n{Output}";
            }
        }, TimeSpan.FromSeconds(30));
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
