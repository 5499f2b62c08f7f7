using System.Buffers;
using System.Text;

namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// What request and response heads share: a private copy of the head bytes in a pooled
/// buffer, the header lines as offsets into it, and the framing and connection facts.
/// One instance lives as long as a connection and is reused for every message.
/// </summary>
public abstract class HttpHead : IDisposable
{
    private const int MinimumBufferSize = 1024;
    private const int InitialHeaderCapacity = 16;

    private byte[] _buffer = [];
    private int _length;
    private HeaderEntry[] _headers = [];
    private int _headerCount;

    internal HeadScanState ScanState;

    public HttpProtocolVersion Version { get; internal set; }

    /// <summary>The head as received, from the start line through the final empty line.</summary>
    public ReadOnlySpan<byte> RawHead => _buffer.AsSpan(0, _length);

    public int HeaderCount => _headerCount;

    /// <summary>The Content-Length value, or -1 when the message has none.</summary>
    public long ContentLength { get; internal set; } = -1;

    public bool HasTransferEncoding { get; internal set; }

    /// <summary>True when chunked is the final transfer coding.</summary>
    public bool IsChunked { get; internal set; }

    /// <summary>Whether the sender wants the connection kept open, from the version and Connection.</summary>
    public bool KeepAlive { get; internal set; }

    public bool IsUpgrade { get; internal set; }

    public ref readonly HeaderEntry GetHeader(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_headerCount, nameof(index));
        return ref _headers[index];
    }

    public ReadOnlySpan<byte> GetHeaderName(int index) => Slice(GetHeader(index).NameRange);

    public ReadOnlySpan<byte> GetHeaderValue(int index) => Slice(GetHeader(index).ValueRange);

    /// <summary>The raw header line as received, without its CRLF.</summary>
    public ReadOnlySpan<byte> GetHeaderLine(int index) => Slice(GetHeader(index).LineRange);

    /// <summary>Index of the first header at or after <paramref name="startIndex"/> with this name (ASCII case-insensitive), or -1.</summary>
    public int FindHeader(ReadOnlySpan<byte> name, int startIndex = 0)
    {
        for (int index = startIndex; index < _headerCount; index++)
        {
            ref readonly var header = ref _headers[index];
            if (header.NameLength == name.Length && Ascii.EqualsIgnoreCase(Slice(header.NameRange), name))
            {
                return index;
            }
        }

        return -1;
    }

    public bool TryGetHeader(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        int index = FindHeader(name);
        value = index >= 0 ? GetHeaderValue(index) : default;
        return index >= 0;
    }

    /// <summary>Forgets the current head, including a partially scanned one, keeping the buffers.</summary>
    public virtual void Reset()
    {
        ScanState = default;
        _length = 0;
        _headerCount = 0;
        Version = HttpProtocolVersion.Http11;
        ContentLength = -1;
        HasTransferEncoding = false;
        IsChunked = false;
        KeepAlive = false;
        IsUpgrade = false;
    }

    public void Dispose()
    {
        ReleaseBuffers();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Forgets the current head and gives its buffers back to the pool: a connection waiting for
    /// its next message holds none, and the next <see cref="Load"/> rents them again.
    /// </summary>
    public void ReleaseBuffers()
    {
        Reset();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        if (_headers.Length > 0)
        {
            ArrayPool<HeaderEntry>.Shared.Return(_headers);
            _headers = [];
        }
    }

    internal ReadOnlySpan<byte> Slice(Range range) => RawHead[range];

    internal ref HeaderEntry HeaderAt(int index) => ref _headers[index];

    /// <summary>Takes a copy of a located head, dropping whatever the previous message left.</summary>
    internal void Load(in ReadOnlySequence<byte> head)
    {
        Reset();
        int length = checked((int)head.Length);
        if (_buffer.Length < length)
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, MinimumBufferSize));
        }

        head.CopyTo(_buffer);
        _length = length;
    }

    internal void AddHeader(in HeaderEntry header)
    {
        if (_headerCount == _headers.Length)
        {
            var larger = ArrayPool<HeaderEntry>.Shared.Rent(Math.Max(InitialHeaderCapacity, _headers.Length * 2));
            _headers.AsSpan(0, _headerCount).CopyTo(larger);
            if (_headers.Length > 0)
            {
                ArrayPool<HeaderEntry>.Shared.Return(_headers);
            }

            _headers = larger;
        }

        _headers[_headerCount++] = header;
    }
}
