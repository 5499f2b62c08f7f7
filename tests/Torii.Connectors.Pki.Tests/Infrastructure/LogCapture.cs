using System.Text;
using Torii.Connectors.Logging;

namespace Torii.Connectors.Pki.Tests.Infrastructure;

/// <summary>A connector log whose lines a test can read while the connector still writes.</summary>
public sealed class LogCapture : TextWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _current = new();
    private TaskCompletionSource _lineWritten = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LogCapture() => Log = new ConnectorLog("pki", LogLevel.Debug, this);

    public ConnectorLog Log { get; }

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public int Count(string fragment) => Lines.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Waits until <paramref name="count"/> lines holding <paramref name="fragment"/> have been written.</summary>
    public async Task WaitForAsync(string fragment, TimeSpan? timeout = null, int count = 1)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task lineWritten;
            lock (_gate)
            {
                lineWritten = _lineWritten.Task;
            }

            if (Count(fragment) >= count)
            {
                return;
            }

            try
            {
                await lineWritten.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"not {count} log lines with \"{fragment}\" in time; the log:\n{string.Join('\n', Lines)}");
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                _lines.Add(_current.ToString().TrimEnd('\r'));
                _current.Clear();
                _lineWritten.TrySetResult();
                _lineWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else
            {
                _current.Append(value);
            }
        }
    }
}
