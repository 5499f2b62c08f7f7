using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Torii.Proxy.Backends;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Hpack;
using Torii.Proxy.Http2.Streams;
using Torii.Proxy.Logging;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Http2.Client;

/// <summary>
/// One prior-knowledge h2c connection to a backend (RFC 9113 §3.3), carrying many requests at
/// once. Frames are read on the connection's own task; requests write through a shared write
/// lock. The backend's SETTINGS bound the streams and frame sizes, both directions' windows are
/// kept, and a GOAWAY stops new streams while the ones it covers finish. A failure fails only
/// this connection's streams.
/// </summary>
public sealed partial class H2BackendConnection : IDisposable
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 32 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true);

    private readonly LoopStream _stream;
    private readonly PipeReader _reader;
    private readonly Lock _sync = new();
    private readonly Dictionary<int, H2BackendStream> _streams = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _writeBuffer = new(16 * 1024);
    private readonly FlowWindow _connectionSendWindow = new(FlowWindow.DefaultInitialSize);
    private readonly FlowWindow _connectionReceiveWindow = new(H2ClientLimits.ConnectionReceiveWindow);
    private readonly HpackDecoder _decoder = new(H2ClientLimits.HeaderTableSize, H2ClientLimits.MaxHeaderListSize, H2ClientLimits.MaxHeaderFields);
    private readonly Action<H2BackendConnection> _onClosed;

    private int _nextStreamId = 1;
    private int _reserved;
    private int _peerMaxConcurrent = H2ClientLimits.MaxStreamsPerConnection;
    private int _peerInitialWindow = FlowWindow.DefaultInitialSize;
    private int _peerMaxFrameSize = FrameHeader.DefaultMaxFrameSize;
    private long _connectionUncredited;
    private bool _goingAway;
    private int _closed;
    private TaskCompletionSource _windowOpened = NewSignal();

    /// <param name="onClosed">Told once when the connection ends, so its pool forgets it.</param>
    public H2BackendConnection(Backend backend, LoopSocket socket, Action<H2BackendConnection> onClosed)
    {
        Backend = backend;
        _stream = new LoopStream(socket);
        _reader = PipeReader.Create(_stream, ReaderOptions);
        _onClosed = onClosed;
        IdleSinceMs = Environment.TickCount64;
        backend.IncrementConnections();
    }

    public Backend Backend { get; }

    /// <summary>When the last stream ended; meaningful while <see cref="ActiveStreams"/> is 0.</summary>
    public long IdleSinceMs { get; private set; }

    public int ActiveStreams
    {
        get
        {
            lock (_sync)
            {
                return _reserved;
            }
        }
    }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Sends the preface and our SETTINGS, then reads frames until the connection ends.</summary>
    public async Task StartAsync()
    {
        await SendAsync(static output =>
        {
            output.Write(Http2Connection.Preface);
            FrameWriter.WriteSettings(output,
            [
                (SettingId.EnablePush, 0u),
                (SettingId.InitialWindowSize, (uint)H2ClientLimits.StreamReceiveWindow),
                (SettingId.MaxHeaderListSize, (uint)H2ClientLimits.MaxHeaderListSize),
            ]);
            FrameWriter.WriteWindowUpdate(output, 0, H2ClientLimits.ConnectionReceiveWindow - FlowWindow.DefaultInitialSize);
        }, CancellationToken.None).ConfigureAwait(false);
        _ = Task.Run(ReadLoopAsync);
    }

    /// <summary>A stream slot on this connection, or null when it is full, going away or closed.</summary>
    public H2BackendStream? TryReserveStream()
    {
        lock (_sync)
        {
            if (_goingAway || IsClosed || _reserved >= Math.Min(_peerMaxConcurrent, H2ClientLimits.MaxStreamsPerConnection))
            {
                return null;
            }

            _reserved++;
            return new H2BackendStream(this, _peerInitialWindow);
        }
    }

    /// <summary>
    /// Opens the stream with its request header block. The id is taken under the write lock, so
    /// streams open on the wire in the order of their ids (RFC 9113 §5.1.1).
    /// </summary>
    public async ValueTask SendHeadersAsync(H2BackendStream stream, ReadOnlyMemory<byte> block, bool endStream, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            lock (_sync)
            {
                if (stream.Id == 0)
                {
                    stream.Id = _nextStreamId;
                    _nextStreamId += 2;
                    _streams.Add(stream.Id, stream);
                }

                stream.RequestEnded = endStream;
            }

            FrameWriter.WriteHeaders(_writeBuffer, stream.Id, block.Span, endStream, _peerMaxFrameSize);
            await FlushWriteBufferAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends request body octets as DATA, waiting for window on the stream and the connection.</summary>
    public async ValueTask SendDataAsync(H2BackendStream stream, ReadOnlySequence<byte> data, bool endStream, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            if (endStream)
            {
                await EndRequestAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        while (!data.IsEmpty)
        {
            var granted = await TakeWindowAsync(stream, (int)Math.Min(data.Length, _peerMaxFrameSize), cancellationToken).ConfigureAwait(false);
            var piece = data.Slice(0, granted);
            data = data.Slice(piece.End);
            var last = endStream && data.IsEmpty;
            // Marked before the frame leaves: the backend may answer before this task runs again.
            stream.RequestEnded |= last;
            await SendAsync(output =>
            {
                FrameWriter.WriteHeader(output, new FrameHeader(granted, FrameType.Data, last ? FrameFlags.EndStream : (byte)0, stream.Id));
                foreach (var segment in piece)
                {
                    output.Write(segment.Span);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the request with an empty DATA frame carrying END_STREAM.</summary>
    public ValueTask EndRequestAsync(H2BackendStream stream, CancellationToken cancellationToken)
    {
        stream.RequestEnded = true;
        return SendAsync(output => FrameWriter.WriteData(output, stream.Id, [], endStream: true), cancellationToken);
    }

    /// <summary>Ends the request with a trailer block (HEADERS with END_STREAM).</summary>
    public ValueTask SendTrailersAsync(H2BackendStream stream, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        stream.RequestEnded = true;
        return SendAsync(output => FrameWriter.WriteHeaders(output, stream.Id, block.Span, endStream: true, _peerMaxFrameSize), cancellationToken);
    }

    /// <summary>
    /// The request session is done with the stream. One still open in either direction is
    /// reset with CANCEL, so the backend stops working on a request nobody waits for.
    /// </summary>
    public void Release(H2BackendStream stream)
    {
        bool reset;
        bool drained;
        lock (_sync)
        {
            reset = stream.Id != 0 && !stream.IsReset && !(stream.RequestEnded && stream.ResponseEnded);
            if (stream.Id != 0)
            {
                _streams.Remove(stream.Id);
            }

            stream.Fail(new H2StreamResetException(Http2ErrorCode.Cancel, "stream released"));
            _reserved--;
            if (_reserved == 0)
            {
                IdleSinceMs = Environment.TickCount64;
            }

            drained = _goingAway && _reserved == 0;
        }

        if (reset && !IsClosed)
        {
            _ = SendQuietlyAsync(output => FrameWriter.WriteRstStream(output, stream.Id, Http2ErrorCode.Cancel));
        }

        if (drained)
        {
            // After the backend's GOAWAY, the last stream's end is the connection's.
            Close(null);
        }
    }

    /// <summary>The request cannot be completed (its client's body broke off): the backend stream is reset now.</summary>
    public void Abort(H2BackendStream stream, string reason)
    {
        lock (_sync)
        {
            if (stream.IsReset)
            {
                return;
            }

            stream.Fail(new H2StreamResetException(Http2ErrorCode.Cancel, reason));
        }

        if (stream.Id != 0)
        {
            _ = SendQuietlyAsync(output => FrameWriter.WriteRstStream(output, stream.Id, Http2ErrorCode.Cancel));
        }
    }

    /// <summary>Closes the connection when it has carried no stream for <paramref name="idleTimeoutMs"/>; true when closed.</summary>
    public bool CloseIfIdle(long nowMs, long idleTimeoutMs)
    {
        lock (_sync)
        {
            if (_reserved > 0 || nowMs - IdleSinceMs < idleTimeoutMs)
            {
                return false;
            }

            _goingAway = true;
        }

        Close(null);
        return true;
    }

    /// <summary>No new streams; the connection closes when its last stream ends (its backend was removed).</summary>
    public void Drain()
    {
        lock (_sync)
        {
            _goingAway = true;
            if (_reserved > 0)
            {
                return;
            }
        }

        Close(null);
    }

    public void Dispose() => Close(null);

    /// <summary>Ends the connection; every stream still on it fails with <paramref name="error"/>.</summary>
    private void Close(H2StreamResetException? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        H2BackendStream[] open;
        lock (_sync)
        {
            _goingAway = true;
            open = [.. _streams.Values];
            _streams.Clear();
            foreach (var stream in open)
            {
                stream.Fail(error ?? new H2StreamResetException(Http2ErrorCode.Cancel, "backend connection closed"));
            }

            _windowOpened.TrySetResult();
        }

        _stream.Dispose();
        Backend.DecrementConnections();
        _onClosed(this);
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new H2StreamResetException(Http2ErrorCode.Cancel, "backend connection closed") { Unprocessed = true };
        }
    }

    private async ValueTask<int> TakeWindowAsync(H2BackendStream stream, int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task opened;
            lock (_sync)
            {
                if (stream.IsReset)
                {
                    throw new H2StreamResetException(Http2ErrorCode.Cancel, "stream reset");
                }

                var granted = (int)Math.Clamp(Math.Min(stream.SendWindow.Available, _connectionSendWindow.Available), 0, wanted);
                if (granted > 0)
                {
                    stream.SendWindow.TryConsume(granted);
                    _connectionSendWindow.TryConsume(granted);
                    return granted;
                }

                opened = _windowOpened.Task;
            }

            ThrowIfClosed();
            await opened.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The request session consumed response octets: reopen the stream's window in steps.</summary>
    internal void Credit(H2BackendStream stream, int consumed)
    {
        int increment;
        lock (_sync)
        {
            if (stream.IsReset || stream.ResponseEnded)
            {
                return;
            }

            stream.PendingCredit += consumed;
            var creditable = Math.Min(stream.PendingCredit, stream.UncreditedData);
            if (creditable < H2ClientLimits.StreamReceiveWindow / 4)
            {
                return;
            }

            increment = (int)creditable;
            stream.PendingCredit = 0;
            stream.UncreditedData -= increment;
            stream.ReceiveWindow.TryGrow(increment);
        }

        _ = SendQuietlyAsync(output => FrameWriter.WriteWindowUpdate(output, stream.Id, increment));
    }

    private async ValueTask SendAsync(Action<IBufferWriter<byte>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            write(_writeBuffer);
            await FlushWriteBufferAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask SendQuietlyAsync(Action<IBufferWriter<byte>> write)
    {
        try
        {
            await SendAsync(write, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is ending; its read loop fails the streams.
        }
    }

    /// <summary>Under the write lock. A failed write closes the connection: its frames are out of step now.</summary>
    private async ValueTask FlushWriteBufferAsync()
    {
        try
        {
            await _stream.WriteAsync(_writeBuffer.WrittenMemory).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Close(new H2StreamResetException(Http2ErrorCode.Cancel, $"backend connection failed: {e.Message}"));
            throw;
        }
        finally
        {
            _writeBuffer.ResetWrittenCount();
        }
    }

    private void SignalWindow()
    {
        var opened = _windowOpened;
        _windowOpened = NewSignal();
        opened.TrySetResult();
    }

    private void LogDebug(string message)
    {
        if (Log.IsEnabled(LogLevel.Debug))
        {
            Log.Debug($"h2c backend {Backend}: {message}");
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
