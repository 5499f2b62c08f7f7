using System.Diagnostics;
using System.Text;

namespace Torii.Proxy.Tests.Logging;

/// <summary>A memory stream that counts its writes and lets a test wait for lines; the writer thread and the test share it.</summary>
internal sealed class CountingStream : Stream
{
    private readonly Lock _lock = new();
    private readonly MemoryStream _written = new();
    private int _writes;

    public int Writes
    {
        get
        {
            lock (_lock)
            {
                return _writes;
            }
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public string[] Lines()
    {
        lock (_lock)
        {
            return Encoding.ASCII.GetString(_written.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public async Task<string[]> WaitForLinesAsync(int count, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var lines = Lines();
            if (lines.Length >= count || clock.Elapsed > bound)
            {
                return lines;
            }

            await Task.Delay(10);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
        {
            if (!buffer.IsEmpty)
            {
                _writes++;
            }

            _written.Write(buffer);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
