using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Torii.Proxy.Http;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Defences;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Streams;
using Torii.Proxy.Http2.Translation;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Http2;

/// <summary>
/// Streams: each new one becomes an <see cref="HttpSession"/> given the request head parsed from
/// HEADERS, reading the body from its request pipe (the DATA as a Content-Length or chunked body,
/// then trailers) and writing its response into its response pipe, from which frames are made.
/// </summary>
public sealed partial class Http2Connection
{
    private ValueTask OpenStreamAsync(int streamId, bool endStream)
    {
        _highestStreamId = streamId;
        if (_goAwaySent || _peerGoneAway)
        {
            return ResetStreamAsync(streamId, Http2ErrorCode.RefusedStream, clientFault: false);
        }

        if (!_headBuilder.Validate())
        {
            LogStreamError(streamId, _headBuilder.Error!);
            return ResetStreamAsync(streamId, Http2ErrorCode.ProtocolError, clientFault: true);
        }

        if (endStream && _headBuilder.ContentLength > 0)
        {
            return ResetStreamAsync(streamId, Http2ErrorCode.ProtocolError, clientFault: true);
        }

        Http2Stream stream;
        lock (_sync)
        {
            if (_streams.Count >= _limits.MaxConcurrentStreams)
            {
                Record(Defence.RefusedStream);
                stream = null!;
            }
            else
            {
                stream = new Http2Stream(streamId, _peerInitialWindow, StreamReceiveWindow)
                {
                    State = StreamStateMachine.OnHeadersReceived(StreamState.Idle, endStream, streamId),
                    ChunkedRequest = !endStream && _headBuilder.ContentLength < 0,
                    DeclaredLength = _headBuilder.ContentLength,
                    IsHeadRequest = _headBuilder.IsHead,
                    HasRequestBody = !endStream,
                };
                _streams.Add(streamId, stream);
            }
        }

        if (stream is null)
        {
            return ResetStreamAsync(streamId, Http2ErrorCode.RefusedStream, clientFault: true);
        }

        // The head goes to the session parsed: only the body travels through the request pipe.
        var request = new RequestHead();
        var parsed = _headBuilder.ParseInto(request, _context.Limits, stream.ChunkedRequest);

        // Started on the frame reader: it runs until its first wait (the backend's answer, usually),
        // which costs less than a hop to the thread pool.
        stream.Completion = RunStreamAsync(stream, (request, parsed));
        return ValueTask.CompletedTask;
    }

    private ValueTask OnDataAsync(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        RequireStream(header);
        var data = FramePayload.Unpad(header, payload);
        var endStream = header.HasFlag(FrameFlags.EndStream);
        var connectionCredit = 0L;
        Http2StreamException? streamError = null;
        lock (_sync)
        {
            if (!_connectionReceiveWindow.TryConsume(header.Length))
            {
                throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "DATA beyond the connection window");
            }

            // Our connection window reopens as DATA arrives: each stream's own window bounds what it buffers.
            _connectionUncredited += header.Length;
            if (_connectionUncredited >= _limits.InitialConnectionWindow / 2)
            {
                connectionCredit = _connectionUncredited;
                _connectionUncredited = 0;
                _connectionReceiveWindow.TryGrow(connectionCredit);
            }

            try
            {
                ReceiveData(header, data, endStream);
            }
            catch (Http2StreamException e)
            {
                streamError = e;
            }
        }

        if (data.IsEmpty && !endStream && _emptyDataFlood.Exceeded(Environment.TickCount64))
        {
            throw Flood(Defence.EmptyDataFlood, $"more than {_limits.MaxEmptyDataPerWindow} empty DATA frames per second");
        }

        if (connectionCredit > 0)
        {
            var increment = (int)connectionCredit;
            return AfterCreditAsync(SendAsync(output => FrameWriter.WriteWindowUpdate(output, 0, increment)), streamError);
        }

        return streamError is null ? ValueTask.CompletedTask : ResetStreamAsync(streamError.StreamId, streamError.Code, clientFault: true);
    }

    private async ValueTask AfterCreditAsync(ValueTask credit, Http2StreamException? streamError)
    {
        await credit.ConfigureAwait(false);
        if (streamError is not null)
        {
            await ResetStreamAsync(streamError.StreamId, streamError.Code, clientFault: true).ConfigureAwait(false);
        }
    }

    /// <summary>Passes a DATA payload on to the stream's request; under the lock.</summary>
    private void ReceiveData(FrameHeader header, ReadOnlySpan<byte> data, bool endStream)
    {
        if (!_streams.TryGetValue(header.StreamId, out var stream))
        {
            if (header.StreamId > _highestStreamId)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"DATA on idle stream {header.StreamId}");
            }

            CountGlitch();
            throw new Http2StreamException(header.StreamId, Http2ErrorCode.StreamClosed, "DATA on a closed stream");
        }

        if (stream.IsAborted)
        {
            // Already reset, by either side: DATA the client sent before it knew is dropped.
            return;
        }

        var state = StreamStateMachine.OnDataReceived(stream.State, endStream, stream.Id);
        if (!stream.ReceiveWindow.TryConsume(header.Length))
        {
            throw new Http2StreamException(stream.Id, Http2ErrorCode.FlowControlError, "DATA beyond the stream window");
        }

        stream.ReceivedLength += data.Length;
        stream.UncreditedData += data.Length;
        if (stream.DeclaredLength >= 0 && (stream.ReceivedLength > stream.DeclaredLength || (endStream && stream.ReceivedLength != stream.DeclaredLength)))
        {
            throw new Http2StreamException(stream.Id, Http2ErrorCode.ProtocolError, "DATA length differs from content-length");
        }

        stream.State = state;
        var writer = stream.RequestPipe.Writer;
        if (stream.ChunkedRequest && !data.IsEmpty)
        {
            Span<byte> size = stackalloc byte[10];
            data.Length.TryFormat(size, out var digits, "x", CultureInfo.InvariantCulture);
            writer.Write(size[..digits]);
            writer.Write("\r\n"u8);
            writer.Write(data);
            writer.Write("\r\n"u8);
        }
        else
        {
            writer.Write(data);
        }

        if (endStream)
        {
            if (stream.ChunkedRequest)
            {
                writer.Write("0\r\n\r\n"u8);
            }

            writer.Complete();
            return;
        }

        Flush(stream);
    }

    private ValueTask OnTrailersAsync(Http2Stream stream, bool endStream)
    {
        if (stream.IsAborted)
        {
            return ValueTask.CompletedTask;
        }

        if (!_headBuilder.Validate())
        {
            return ResetStreamAsync(stream.Id, Http2ErrorCode.ProtocolError, clientFault: true);
        }

        try
        {
            lock (_sync)
            {
                stream.State = StreamStateMachine.OnHeadersReceived(stream.State, endStream, stream.Id);
                if (stream.DeclaredLength >= 0 && stream.ReceivedLength != stream.DeclaredLength)
                {
                    throw new Http2StreamException(stream.Id, Http2ErrorCode.ProtocolError, "body shorter than content-length");
                }

                if (stream.ChunkedRequest)
                {
                    _headBuilder.WriteTrailers(stream.RequestPipe.Writer);
                }

                stream.RequestPipe.Writer.Complete();
            }
        }
        catch (Http2StreamException e)
        {
            return ResetStreamAsync(e.StreamId, e.Code, clientFault: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Resets a stream; a reset the client caused counts against its reset budget.</summary>
    private ValueTask ResetStreamAsync(int streamId, Http2ErrorCode code, bool clientFault)
    {
        lock (_sync)
        {
            if (_streams.TryGetValue(streamId, out var stream))
            {
                stream.Abort();
            }
        }

        if (clientFault)
        {
            CountServerReset();
        }

        return SendAsync(output => FrameWriter.WriteRstStream(output, streamId, code));
    }

    private async Task RunStreamAsync(Http2Stream stream, (RequestHead Head, HeadParseResult Result) request)
    {
        var session = new HttpSession(
            new ResponseCaptureStream(stream.ResponsePipe.Writer),
            _clientAddress,
            _settings,
            _context,
            clientSocket: null,
            // A request without a body has no window to reopen, and nothing to read after its head.
            stream.HasRequestBody ? new CreditingPipeReader(stream.RequestPipe.Reader, consumed => Credit(stream, consumed)) : PipeReader.Create(ReadOnlySequence<byte>.Empty),
            parsedRequest: request)
        {
            Tls = Tls,
            IsHttp2Stream = true,
            // A reset or a lost connection reaches the session even while it waits for a backend.
            ClientGone = stream.Aborted,
        };
        var sessionRun = session.RunAsync();
        Http2ErrorCode? reset = null;
        try
        {
            if (!await RelayResponseAsync(stream).ConfigureAwait(false))
            {
                reset = Http2ErrorCode.InternalError;
            }
            else
            {
                EndRequestAfterResponse(stream, ref reset);
            }
        }
        catch (WindowStallException e)
        {
            Record(Defence.WindowStall);
            Log.Warn($"h2 {_settings.Address} client {_clientAddress}: stream {stream.Id} stalled on a shut window for {_stallTimeout.TotalSeconds:0} s; reset");
            reset = Http2ErrorCode.Cancel;
            if (e.ConnectionWindow)
            {
                RequestClose(Http2ErrorCode.EnhanceYourCalm);
            }
        }
        catch (InvalidDataException)
        {
            reset = Http2ErrorCode.InternalError;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            reset = stream.IsAborted ? null : Http2ErrorCode.InternalError;
        }
        finally
        {
            await stream.ResponsePipe.Reader.CompleteAsync().ConfigureAwait(false);
        }

        await sessionRun.ConfigureAwait(false);
        await FinishStreamAsync(stream, reset).ConfigureAwait(false);
    }

    /// <summary>
    /// A response complete while the client is still sending ends the request too (RFC 9113 §8.1):
    /// the session stops waiting for more, and RST_STREAM(NO_ERROR) tells the client to stop sending.
    /// </summary>
    private void EndRequestAfterResponse(Http2Stream stream, ref Http2ErrorCode? reset)
    {
        lock (_sync)
        {
            if (StreamStateMachine.CanReceive(stream.State))
            {
                stream.Abort();
                reset = Http2ErrorCode.NoError;
            }
        }
    }

    private async ValueTask FinishStreamAsync(Http2Stream stream, Http2ErrorCode? reset)
    {
        bool drained;
        lock (_sync)
        {
            if (reset is not null && !stream.IsAborted)
            {
                stream.Abort();
            }
            else
            {
                stream.State = StreamState.Closed;
            }

            _streams.Remove(stream.Id);
            drained = _streams.Count == 0;
        }

        if (reset is { } code)
        {
            await SendQuietlyAsync(output => FrameWriter.WriteRstStream(output, stream.Id, code)).ConfigureAwait(false);
        }

        if (drained)
        {
            if (_goAwaySent || _peerGoneAway)
            {
                _clientReader.CancelPendingRead();
            }
            else
            {
                ArmIdleTimeout();
            }
        }
    }

    /// <summary>The request session consumed <paramref name="consumed"/> octets: reopen the stream's window in steps.</summary>
    private void Credit(Http2Stream stream, int consumed)
    {
        int increment;
        lock (_sync)
        {
            if (stream.IsAborted || !StreamStateMachine.CanReceive(stream.State))
            {
                return;
            }

            stream.PendingCredit += consumed;
            var creditable = Math.Min(stream.PendingCredit, stream.UncreditedData);
            if (creditable < StreamReceiveWindow / 4)
            {
                return;
            }

            increment = (int)creditable;
            stream.PendingCredit = 0;
            stream.UncreditedData -= increment;
            stream.ReceiveWindow.TryGrow(increment);
        }

        _ = SendQuietlyAsync(output => FrameWriter.WriteWindowUpdate(output, stream.Id, increment)).AsTask();
    }

    private static void Flush(Http2Stream stream)
    {
        // Without a pause threshold the flush completes at once; the window bounds what waits in the pipe.
        var flush = stream.RequestPipe.Writer.FlushAsync();
        if (flush.IsCompleted)
        {
            flush.GetAwaiter().GetResult();
        }
        else
        {
            _ = flush.AsTask();
        }
    }

    private void OnStopping() => _ = Task.Run(GracefulShutdownAsync);

    /// <summary>Soft stop or upgrade: GOAWAY(NO_ERROR), let the streams finish, close at the deadline at the latest.</summary>
    private async Task GracefulShutdownAsync()
    {
        await SendQuietlyAsync(output => FrameWriter.WriteGoAway(output, _highestStreamId, Http2ErrorCode.NoError)).ConfigureAwait(false);
        _goAwaySent = true;
        _clientReader.CancelPendingRead();
        if (_limits.GracefulShutdownDeadline > TimeSpan.Zero)
        {
            await Task.Delay(_limits.GracefulShutdownDeadline).ConfigureAwait(false);
            RequestClose(Http2ErrorCode.NoError);
        }
    }

    /// <summary>After a cancelled read: whether the connection is done (GOAWAY sent and no stream left) or asked to close.</summary>
    private bool ShouldCloseAfterDrain()
    {
        Http2ErrorCode? close;
        bool drained;
        lock (_sync)
        {
            close = _closeCode;
            drained = _streams.Count == 0;
        }

        if (_writeFailure is { } failure)
        {
            throw new IOException("the client connection failed", failure);
        }

        if (close is { } code && code != Http2ErrorCode.NoError)
        {
            throw new Http2ConnectionException(code, "closing on a stalled connection window");
        }

        return close is not null || ((_goAwaySent || _peerGoneAway) && drained);
    }

    private void ArmIdleTimeout()
    {
        bool idle;
        lock (_sync)
        {
            idle = _streams.Count == 0;
        }

        try
        {
            _idle.CancelAfter(idle ? _settings.FrontTimeout : Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    private async ValueTask AbortAllStreamsAsync()
    {
        Task[] running;
        lock (_sync)
        {
            foreach (var stream in _streams.Values)
            {
                stream.Abort();
            }

            running = [.. _streams.Values.Select(stream => stream.Completion)];
        }

        await Task.WhenAny(Task.WhenAll(running), Task.Delay(LingerAfterGoAway)).ConfigureAwait(false);
    }

    private void LogStreamError(int streamId, string reason)
    {
        if (Log.IsEnabled(LogLevel.Debug))
        {
            Log.Debug($"h2 {_settings.Address} client {_clientAddress}: stream {streamId}: {reason}");
        }
    }
}
