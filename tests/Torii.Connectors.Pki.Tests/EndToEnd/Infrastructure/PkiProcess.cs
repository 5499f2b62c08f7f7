using System.Diagnostics;
using Torii.Connectors.Pki.Tests.Infrastructure;

namespace Torii.Connectors.Pki.Tests.EndToEnd.Infrastructure;

/// <summary>A running torii-pki; the test follows what it does through its log on stdout.</summary>
public sealed class PkiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LogCapture _output = new();

    private PkiProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output.Lines);

    /// <summary>
    /// Starts torii-pki on <paramref name="directory"/> for the listener, with short timings so the
    /// tests are quick, and the state file in <paramref name="stateFolder"/>.
    /// </summary>
    public static PkiProcess Start(string directory, string listener, string socket, string stateFolder, params string[] extraArguments)
    {
        var start = new ProcessStartInfo(PublishedPki.Executable,
        [
            "--directory", directory,
            "--address", listener,
            "--proxy-socket", socket,
            "--state-file", Path.Combine(stateFolder, "torii-pki.state"),
            "--debounce", "100",
            "--rescan-interval", "1",
            "--proxy-timeout-ms", "2000",
            "--log-level", "debug",
            .. extraArguments,
        ])
        {
            WorkingDirectory = stateFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return new PkiProcess(Process.Start(start)!);
    }

    /// <summary>Waits until <paramref name="count"/> lines of its log hold <paramref name="fragment"/>.</summary>
    public Task WaitForAsync(string fragment, int count = 1) => _output.WaitForAsync(fragment, TimeSpan.FromSeconds(30), count);

    public int Count(string fragment) => _output.Count(fragment);

    /// <summary>Kills the process at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        await _output.DisposeAsync();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _output.WriteLine(line);
        }
    }
}
