using System.Buffers;

namespace Torii.Proxy.Http;

/// <summary>
/// A growable, reusable buffer for what a connection sends next: a response head
/// and, when it is small, its body, so that one send carries the whole response.
/// </summary>
public sealed class OutputBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    private const int InitialSize = 4096;

    /// <summary>Rents nothing until something is written: an idle connection holds no output buffer.</summary>
    public OutputBuffer() => _buffer = [];

    public int Length => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Clear() => _written = 0;

    /// <summary>Gives the buffer back to the pool while the connection waits for its next request.</summary>
    public void Release()
    {
        _written = 0;
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_written));
        _written += bytes.Length;
    }

    public void Write(in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            Write(segment.Span);
        }
    }

    public void Dispose() => Release();

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(InitialSize, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
