using System.Text;

namespace Torii.Proxy.Audit;

/// <summary>
/// Sōzu's audit log (key audit_logs_target): one line per change asked for on the command socket,
/// accepted or refused, written and flushed before the answer goes out. Commands are few, so a
/// synchronous write costs nothing that matters, and no line is ever dropped.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly TextWriter _output;
    private readonly bool _ownsOutput;
    private readonly Lock _lock = new();

    public AuditLog(TextWriter output, bool ownsOutput)
    {
        _output = output;
        _ownsOutput = ownsOutput;
    }

    /// <summary>"stdout", "stderr", a file path or file:// URL (appended to); null, "off" or "none" for no audit log.</summary>
    /// <exception cref="IOException">The file cannot be opened, or the target is a network address (a line could be lost on the way).</exception>
    public static AuditLog? Open(string? target) => target?.Trim() switch
    {
        null or "" or "off" or "none" => null,
        "stdout" => new AuditLog(Console.Out, ownsOutput: false),
        "stderr" => new AuditLog(Console.Error, ownsOutput: false),
        var path when path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) => new AuditLog(OpenFile(path["file://".Length..]), ownsOutput: true),
        var other when other.Contains("://", StringComparison.Ordinal) => throw new IOException($"audit log {other}: only stdout, stderr or a file can hold an audit log"),
        var path => new AuditLog(OpenFile(path), ownsOutput: true),
    };

    public void Write(AuditEntry entry)
    {
        // One write per line: another writer on the same stream cannot split it.
        var line = entry.Format() + "\n";
        lock (_lock)
        {
            _output.Write(line);
            _output.Flush();
        }
    }

    public void Dispose()
    {
        if (_ownsOutput)
        {
            _output.Dispose();
        }
    }

    private static StreamWriter OpenFile(string path) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
