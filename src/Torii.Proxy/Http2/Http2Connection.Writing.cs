using System.Buffers;
using Torii.Proxy.Http2.Defences;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Streams;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Http2;

/// <summary>
/// Sending: frames go to the connection's output (see Http2Connection.Output.cs), and DATA waits
/// for both the stream's and the connection's send windows. A response that waits on a shut window for the stall timeout
/// without real progress is reset: a client cannot hold a stream and its backend forever.
/// </summary>
public sealed partial class Http2Connection
{
    /// <summary>Progress that clears the stall clock: one full DATA frame.</summary>
    private const int StallProgress = FrameHeader.DefaultMaxFrameSize;

    private static readonly TimeSpan LingerAfterGoAway = TimeSpan.FromSeconds(1);

    private Http2ErrorCode? _closeCode;
    private bool _closed;

    private ValueTask SendHeadersAsync(Http2Stream stream, ReadOnlyMemory<byte> block, bool endStream)
    {
        var sent = SendAsync(
            (stream.Id, block, endStream, _peerMaxFrameSize),
            static (output, frame) => FrameWriter.WriteHeaders(output, frame.Id, frame.block.Span, frame.endStream, frame._peerMaxFrameSize));
        if (endStream)
        {
            MarkEndStreamSent(stream);
        }

        return sent;
    }

    /// <summary>A whole response at once: its header block, then its body as one DATA frame ending the stream; the window is already taken.</summary>
    private ValueTask SendHeadersAndDataAsync(Http2Stream stream, ReadOnlyMemory<byte> block, ReadOnlySequence<byte> body)
    {
        var sent = SendAsync(
            (stream.Id, block, body, _peerMaxFrameSize),
            static (output, response) =>
            {
                FrameWriter.WriteHeaders(output, response.Id, response.block.Span, endStream: false, response._peerMaxFrameSize);
                FrameWriter.WriteData(output, response.Id, response.body, endStream: true);
            });
        MarkEndStreamSent(stream);
        return sent;
    }

    /// <summary>Takes <paramref name="size"/> octets of both windows if they are open that far now; never waits.</summary>
    private bool TryReserveWindowNow(Http2Stream stream, int size)
    {
        lock (_sync)
        {
            if (stream.IsAborted || stream.SendWindow.Available < size || _connectionSendWindow.Available < size)
            {
                return false;
            }

            stream.SendWindow.Take(size);
            _connectionSendWindow.Take(size);
            return true;
        }
    }

    /// <summary>Sends <paramref name="data"/> as DATA frames as the windows allow.</summary>
    private async ValueTask SendDataAsync(Http2Stream stream, ReadOnlySequence<byte> data, bool endStream)
    {
        do
        {
            var size = data.IsEmpty ? 0 : await ReserveWindowAsync(stream, (int)Math.Min(data.Length, _peerMaxFrameSize)).ConfigureAwait(false);
            var frame = data.Slice(0, size);
            data = data.Slice(size);
            var last = endStream && data.IsEmpty;
            await SendAsync((stream.Id, frame, last), static (output, data) => FrameWriter.WriteData(output, data.Id, data.frame, data.last)).ConfigureAwait(false);
            if (last)
            {
                MarkEndStreamSent(stream);
            }
        }
        while (!data.IsEmpty);
    }

    private void MarkEndStreamSent(Http2Stream stream)
    {
        lock (_sync)
        {
            stream.State = StreamStateMachine.OnEndStreamSent(stream.State);
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> octets of both windows, waiting while either is shut.</summary>
    private async ValueTask<int> ReserveWindowAsync(Http2Stream stream, int wanted)
    {
        while (true)
        {
            Task opened;
            TimeSpan left;
            lock (_sync)
            {
                stream.Aborted.ThrowIfCancellationRequested();
                var size = (int)Math.Min(wanted, Math.Min(stream.SendWindow.Available, _connectionSendWindow.Available));
                if (size > 0)
                {
                    stream.SendWindow.Take(size);
                    _connectionSendWindow.Take(size);
                    if (stream.StalledSinceMs >= 0 && (stream.SentSinceStall += size) >= StallProgress)
                    {
                        stream.StalledSinceMs = -1;
                    }

                    return size;
                }

                var now = Environment.TickCount64;
                if (stream.StalledSinceMs < 0)
                {
                    stream.StalledSinceMs = now;
                    stream.SentSinceStall = 0;
                }

                left = _stallTimeout - TimeSpan.FromMilliseconds(now - stream.StalledSinceMs);
                if (left <= TimeSpan.Zero)
                {
                    throw new WindowStallException(_connectionSendWindow.Available <= 0);
                }

                opened = _windowOpened.Task;
            }

            try
            {
                await opened.WaitAsync(left, stream.Aborted).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked again under the lock.
            }
        }
    }

    /// <summary>Wakes every response waiting for window; called under the lock.</summary>
    private void SignalWindowOpened()
    {
        var opened = _windowOpened;
        _windowOpened = NewSignal();
        opened.TrySetResult();
    }

    private async ValueTask SendQuietlyAsync(Action<IBufferWriter<byte>> write)
    {
        try
        {
            await SendAsync(write).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // The connection is ending; its reader notices.
        }
    }

    /// <summary>Asks the frame reader to end the connection with GOAWAY(<paramref name="code"/>).</summary>
    private void RequestClose(Http2ErrorCode code)
    {
        lock (_sync)
        {
            _closeCode ??= code;
        }

        _clientReader.CancelPendingRead();
    }

    /// <summary>
    /// Sends GOAWAY and reads on for a moment: closing a socket with unread input makes the kernel
    /// send a reset, which may destroy the GOAWAY before the client reads it.
    /// </summary>
    private async ValueTask CloseWithGoAwayAsync(Http2ErrorCode code, string reason)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        if (code != Http2ErrorCode.NoError && Log.IsEnabled(LogLevel.Debug))
        {
            Log.Debug($"h2 {_settings.Address} client {_clientAddress}: GOAWAY {code}: {reason}");
        }

        using var linger = new CancellationTokenSource(LingerAfterGoAway);
        try
        {
            await SendAsync(output => FrameWriter.WriteGoAway(output, _highestStreamId, code), waitWritten: true).AsTask().WaitAsync(linger.Token).ConfigureAwait(false);
            _goAwaySent = true;
            while (true)
            {
                var result = await _clientReader.ReadAsync(linger.Token).ConfigureAwait(false);
                _clientReader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // Done lingering, or the client left first.
        }
    }
}
