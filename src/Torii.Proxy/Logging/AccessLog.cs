using System.Text;

namespace Torii.Proxy.Logging;

/// <summary>
/// One record per request, formatted on the request's thread into its own buffer and
/// copied into a shared one that a writer thread of its own writes out. A request never waits
/// for the disk or the terminal: when the writer falls behind, lines are dropped and counted.
/// </summary>
/// <remarks>
/// The writer lets lines gather for <see cref="FlushDelay"/> after the first one wakes it, then writes them with one
/// system call. Woken per request instead (a pool task awaiting a semaphore), it took a thread-pool wake-up and a
/// write per few requests, and the pool's idle spinning after each was a fifth of the proxy's CPU under load.
/// </remarks>
public sealed class AccessLog : IAsyncDisposable
{
    private const int BufferSize = 1024 * 1024;

    /// <summary>How long lines gather before they are written: what a line may lag behind its request.</summary>
    internal static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>Room for the longest record of any format.</summary>
    private const int MaxRecordLength = JsonLineWriter.MaxLineLength;

    [ThreadStatic]
    private static byte[]? _lineBuffer;

    private readonly Stream _output;
    private readonly AccessLogFormat _format;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _pending = new(0, 1);
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private byte[] _filling = new byte[BufferSize];
    private byte[] _spare = new byte[BufferSize];
    private int _length;
    private long _dropped;

    public AccessLog(Stream output, AccessLogFormat format = AccessLogFormat.Ascii)
    {
        _output = output;
        _format = format;
        new Thread(WriteLoop) { IsBackground = true, Name = "torii-access-log" }.UnsafeStart();
    }

    /// <summary>"stdout", "stderr", a file path or file:// URL (appended to); null or "off" for no access log.</summary>
    public static AccessLog? Open(string? target, AccessLogFormat format = AccessLogFormat.Ascii) => target?.Trim() switch
    {
        null or "" or "off" or "none" => null,
        "stdout" => new AccessLog(Console.OpenStandardOutput(), format),
        "stderr" => new AccessLog(Console.OpenStandardError(), format),
        var path => new AccessLog(
            new FileStream(
                path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? path["file://".Length..] : path,
                FileMode.Append,
                FileAccess.Write,
                FileShare.ReadWrite),
            format),
    };

    public AccessLogFormat Format => _format;

    /// <summary>Whether records carry the User-Agent; the ascii line does not, so its requests skip the header lookup.</summary>
    public bool RecordsUserAgent => _format != AccessLogFormat.Ascii;

    public void Write(in AccessLogEntry entry)
    {
        var line = _lineBuffer ??= new byte[MaxRecordLength];
        var length = _format switch
        {
            AccessLogFormat.Json => JsonAccessLogFormatter.Format(entry, line),
            AccessLogFormat.Protobuf => ProtobufAccessLogFormatter.Format(entry, line),
            _ => AsciiAccessLogFormatter.Format(entry, line),
        };
        lock (_lock)
        {
            if (_length + length > _filling.Length)
            {
                _dropped++;
                return;
            }

            line.AsSpan(0, length).CopyTo(_filling.AsSpan(_length));
            _length += length;
        }

        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        Wake();
        await _writerDone.Task.ConfigureAwait(false);
        Flush();
    }

    private void Wake()
    {
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // The writer is already woken.
            }
        }
    }

    private void WriteLoop()
    {
        try
        {
            while (true)
            {
                _pending.Wait();
                if (_stopping)
                {
                    return;
                }

                Thread.Sleep(FlushDelay);
                Flush();
            }
        }
        finally
        {
            _writerDone.TrySetResult();
        }
    }

    private void Flush()
    {
        byte[] full;
        int length;
        long dropped;
        lock (_lock)
        {
            (full, _filling, _spare) = (_filling, _spare, _filling);
            length = _length;
            dropped = _dropped;
            _length = 0;
            _dropped = 0;
        }

        try
        {
            if (dropped > 0 && _format == AccessLogFormat.Ascii)
            {
                _output.Write(Encoding.ASCII.GetBytes($"access log: {dropped} lines dropped\n"));
            }
            else if (dropped > 0)
            {
                // A note inside a JSON or protobuf stream would break its readers: it goes to the main log.
                Log.Warn($"access log: {dropped} records dropped");
            }

            _output.Write(full.AsSpan(0, length));
            _output.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            // On the writer's own thread an escaping exception would end the process: the proxy outlives its log.
            Log.Warn($"access log: write failed: {e.Message}");
        }
    }
}
