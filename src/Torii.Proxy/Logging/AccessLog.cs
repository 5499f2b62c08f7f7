using System.Buffers;
using System.Buffers.Text;
using System.Net.Sockets;
using System.Net;
using System.Text;

namespace Torii.Proxy.Logging;

/// <summary>
/// One line per request, formatted on the request's thread into its own buffer and
/// copied into a shared one that a background task writes out. A request never waits
/// for the disk or the terminal: when the writer falls behind, lines are dropped and counted.
/// </summary>
public sealed class AccessLog : IAsyncDisposable
{
    private const int BufferSize = 1024 * 1024;
    private const int MaxLineLength = 4096;

    [ThreadStatic]
    private static byte[]? _lineBuffer;

    private readonly Stream _output;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _pending = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private byte[] _filling = new byte[BufferSize];
    private byte[] _spare = new byte[BufferSize];
    private int _length;
    private long _dropped;

    public AccessLog(Stream output)
    {
        _output = output;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>"stdout", "stderr", a file path or file:// URL (appended to); null or "off" for no access log.</summary>
    public static AccessLog? Open(string? target) => target?.Trim() switch
    {
        null or "" or "off" or "none" => null,
        "stdout" => new AccessLog(Console.OpenStandardOutput()),
        "stderr" => new AccessLog(Console.OpenStandardError()),
        var path => new AccessLog(new FileStream(
            path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? path["file://".Length..] : path,
            FileMode.Append,
            FileAccess.Write,
            FileShare.ReadWrite)),
    };

    public void Write(in AccessLogEntry entry)
    {
        var line = _lineBuffer ??= new byte[MaxLineLength];
        var length = Format(entry, line);
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

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _pending.WaitAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushAsync()
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
            if (dropped > 0)
            {
                await _output.WriteAsync(Encoding.ASCII.GetBytes($"access log: {dropped} lines dropped\n")).ConfigureAwait(false);
            }

            await _output.WriteAsync(full.AsMemory(0, length)).ConfigureAwait(false);
            await _output.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            Log.Warn($"access log: write failed: {e.Message}");
        }
    }

    private static int Format(in AccessLogEntry entry, Span<byte> line)
    {
        var writer = new LineWriter(line);
        writer.Timestamp(entry.Time);
        writer.Field(" id="u8, entry.RequestId);
        writer.Field(" cluster="u8, entry.ClusterId);
        writer.Field(" backend="u8, entry.BackendId);
        writer.Address(" client="u8, entry.Client);
        writer.Field(" method="u8, entry.Method);
        writer.Field(" host="u8, entry.Host);
        writer.Field(" path="u8, entry.Path);
        writer.Number(" status="u8, entry.Status);
        writer.Number(" bytes_in="u8, entry.BytesIn);
        writer.Number(" bytes_out="u8, entry.BytesOut);
        writer.Number(" service_us="u8, entry.ServiceMicros);
        writer.Number(" total_us="u8, entry.TotalMicros);
        return writer.EndLine();
    }

    /// <summary>Writes fields into a fixed line; a field that does not fit is cut, never overflowing.</summary>
    private ref struct LineWriter(Span<byte> line)
    {
        private readonly Span<byte> _line = line;
        private int _position;

        public void Timestamp(DateTime time)
        {
            if (Utf8Formatter.TryFormat(time, _line[_position..], out var written, new StandardFormat('O')))
            {
                _position += written;
            }
        }

        public void Field(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            Append(name);
            if (value.IsEmpty)
            {
                Append("-"u8);
                return;
            }

            foreach (var b in value)
            {
                if (_position >= _line.Length - 1)
                {
                    return;
                }

                _line[_position++] = b is > 0x20 and < 0x7F ? b : (byte)'?';
            }
        }

        public void Field(ReadOnlySpan<byte> name, string? value)
        {
            Append(name);
            if (string.IsNullOrEmpty(value))
            {
                Append("-"u8);
                return;
            }

            if (Encoding.UTF8.TryGetBytes(value, _line[_position..^1], out var written))
            {
                _position += written;
            }
        }

        public void Address(ReadOnlySpan<byte> name, IPEndPoint? address)
        {
            Append(name);
            if (address is null)
            {
                Append("-"u8);
                return;
            }

            var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            if (ipv6)
            {
                Append("["u8);
            }

            if (address.Address.TryFormat(_line[_position..^1], out var written))
            {
                _position += written;
            }

            Append(ipv6 ? "]:"u8 : ":"u8);
            if (Utf8Formatter.TryFormat(address.Port, _line[_position..^1], out written))
            {
                _position += written;
            }
        }

        public void Number(ReadOnlySpan<byte> name, long value)
        {
            Append(name);
            if (Utf8Formatter.TryFormat(value, _line[_position..^1], out var written))
            {
                _position += written;
            }
        }

        public int EndLine()
        {
            _line[_position++] = (byte)'\n';
            return _position;
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            var room = Math.Min(bytes.Length, _line.Length - 1 - _position);
            bytes[..room].CopyTo(_line[_position..]);
            _position += room;
        }
    }
}
