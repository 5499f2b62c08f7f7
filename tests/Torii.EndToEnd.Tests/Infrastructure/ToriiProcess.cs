using System.Diagnostics;
using System.Text;
using Torii.Client;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A real `torii start` process on a config written for the test, in its own temporary folder.</summary>
public sealed class ToriiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _outputWaiters = [];
    private readonly List<int> _successors = [];

    private ToriiProcess(string directory, Process process)
    {
        Directory = directory;
        _process = process;
        Client = new ToriiClient(new ToriiClientOptions { SocketPath = SocketPath, RequestTimeout = TimeSpan.FromSeconds(30) });
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "torii.sock");

    public string ConfigPath => Path.Combine(Directory, "config.toml");

    public ToriiClient Client { get; }

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

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

    /// <summary>Writes config.toml (command_socket is added) and starts torii; returns once it answers on its command socket.</summary>
    public static async Task<ToriiProcess> StartAsync(string configBody, string? directory = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("torii-e2e-").FullName;
        var config = $"command_socket = \"torii.sock\"\n{configBody}";
        await File.WriteAllTextAsync(Path.Combine(directory, "config.toml"), config);
        return await StartExistingAsync(directory);
    }

    /// <summary>Starts torii on the config.toml already in the folder (a restart), with extra environment variables if given.</summary>
    public static async Task<ToriiProcess> StartExistingAsync(string directory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(PublishedExecutable.Torii, ["start", "-c", Path.Combine(directory, "config.toml")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var torii = new ToriiProcess(directory, Process.Start(start)!);
        try
        {
            await torii.WaitUntilReadyAsync();
            return torii;
        }
        catch
        {
            await torii.DisposeAsync();
            throw;
        }
    }

    public async Task<Response> SendAsync(Request request) => await Client.SendAsync(request);

    /// <summary>Sends a request that must succeed, failing the test with the proxy's message otherwise.</summary>
    public async Task<Response> MustAsync(Request request)
    {
        var response = await Client.SendAsync(request);
        Assert.True(response.Status == ResponseStatus.Ok, $"{RequestNames.Of(request)} failed: {response.Message}\n--- torii output ---\n{Output}");
        return response;
    }

    /// <summary>Runs the torii CLI against this proxy's socket.</summary>
    public Task<CliResult> CliAsync(params string[] arguments) => CliRunner.RunAsync(Directory, ["--socket", SocketPath, .. arguments]);

    /// <summary>
    /// Waits for this process to exit without waiting for its output to end: after an upgrade, the
    /// process that took over writes to the same output.
    /// </summary>
    public async Task<bool> WaitForProcessExitAsync(TimeSpan timeout) =>
        await Task.Run(() => _process.WaitForExit(timeout));

    /// <summary>A process that took over from this one by an upgrade: stopped with this one at the end of the test.</summary>
    public void AdoptSuccessor(int pid)
    {
        lock (_outputLock)
        {
            _successors.Add(pid);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        foreach (var pid in _successors)
        {
            KillSuccessor(pid);
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // Generous: CI machines run every test project at once, several proxies start together.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"torii exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await Client.SendAsync(new Request { Status = new Status() });
                if (response.Status == ResponseStatus.Ok)
                {
                    return;
                }
            }
            catch (Exception e) when (e is ProxyUnavailableException or TimeoutException)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new InvalidOperationException($"torii did not answer on {SocketPath} within {StartTimeout.TotalSeconds:0} s: {e.Message}\n--- torii output ---\n{Output}", e);
                }

                // Not listening yet: the client itself backs off between attempts.
            }
        }
    }

    /// <summary>Completes once the process has written a line containing <paramref name="text"/> (or already had).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        lock (_outputLock)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _outputWaiters.Add((text, seen));
            return WithOutputOnTimeoutAsync(seen.Task.WaitAsync(timeout), text, timeout);
        }
    }

    /// <summary>A wait that timed out says what the process did write: the line it waited for may explain itself.</summary>
    private async Task WithOutputOnTimeoutAsync(Task wait, string text, TimeSpan timeout)
    {
        try
        {
            await wait;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"torii wrote no line with \"{text}\" within {timeout.TotalSeconds:0} s (exited: {HasExited})\n--- torii output ---\n{Output}", e);
        }
    }

    private static void KillSuccessor(int pid)
    {
        try
        {
            using var successor = System.Diagnostics.Process.GetProcessById(pid);
            successor.Kill();
            successor.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
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
            foreach (var waiter in _outputWaiters.Where(waiter => line.Contains(waiter.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _outputWaiters.Remove(waiter);
            }
        }
    }
}
