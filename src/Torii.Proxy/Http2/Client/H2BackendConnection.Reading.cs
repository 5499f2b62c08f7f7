using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Http2.Client;

/// <summary>The frame reader of a backend connection: one frame at a time, in order, on its own task.</summary>
public sealed partial class H2BackendConnection
{
    private readonly ArrayBufferWriter<byte> _headerBlock = new(4096);
    private int _headerBlockStream;
    private bool _headerBlockEndStream;

    private async Task ReadLoopAsync()
    {
        H2StreamResetException? failure = null;
        var scratch = new byte[FrameHeader.DefaultMaxFrameSize];
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (FrameSplitter.TryTake(buffer, out var header, out var payload))
                {
                    var span = payload.IsSingleSegment ? payload.FirstSpan : CopyTo(payload, scratch);
                    var reply = OnFrame(header, span);
                    buffer = buffer.Slice(payload.End);
                    if (reply is not null)
                    {
                        await SendAsync(reply, CancellationToken.None).ConfigureAwait(false);
                    }
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    failure = new H2StreamResetException(Http2ErrorCode.Cancel, "backend closed the connection") { Unprocessed = false };
                    return;
                }
            }
        }
        catch (Http2ConnectionException e)
        {
            LogDebug($"protocol error: {e.Message}");
            failure = new H2StreamResetException(e.Code, $"backend broke HTTP/2: {e.Message}");
            await SendQuietlyAsync(output => FrameWriter.WriteGoAway(output, 0, e.Code)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            failure = new H2StreamResetException(Http2ErrorCode.Cancel, $"backend connection failed: {e.Message}");
        }
        finally
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
            Close(failure);
        }
    }

    private static ReadOnlySpan<byte> CopyTo(in ReadOnlySequence<byte> payload, byte[] scratch)
    {
        payload.CopyTo(scratch);
        return scratch.AsSpan(0, (int)payload.Length);
    }

    /// <summary>Handles one frame; returns the frames to send in reply, or null.</summary>
    private Action<IBufferWriter<byte>>? OnFrame(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (_headerBlockStream != 0 && (header.Type != FrameType.Continuation || header.StreamId != _headerBlockStream))
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{header.Type} inside a header block");
        }

        switch (header.Type)
        {
            case FrameType.Data:
                return OnData(header, payload);
            case FrameType.Headers:
                _headerBlock.ResetWrittenCount();
                _headerBlockEndStream = header.HasFlag(FrameFlags.EndStream);
                return OnHeaderFragment(header, FramePayload.HeaderBlockOf(header, payload));
            case FrameType.Continuation:
                if (_headerBlockStream == 0)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "CONTINUATION without an open header block");
                }

                return OnHeaderFragment(header, payload);
            case FrameType.RstStream:
                OnRstStream(header, payload);
                return null;
            case FrameType.Settings:
                return OnSettings(header, payload);
            case FrameType.Ping:
                if (header.Length != 8 || header.StreamId != 0)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "bad PING");
                }

                if (header.HasFlag(FrameFlags.Ack))
                {
                    return null;
                }

                var opaque = payload.ToArray();
                return output => FrameWriter.WritePingAck(output, opaque);
            case FrameType.GoAway:
                OnGoAway(header, payload);
                return null;
            case FrameType.WindowUpdate:
                OnWindowUpdate(header, payload);
                return null;
            case FrameType.PushPromise:
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "PUSH_PROMISE with push disabled");
            default:
                // PRIORITY and unknown types are ignored (§4.1, §5.3.2).
                return null;
        }
    }

    private Action<IBufferWriter<byte>>? OnHeaderFragment(FrameHeader header, ReadOnlySpan<byte> fragment)
    {
        if (header.StreamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "HEADERS on stream 0");
        }

        if (_headerBlock.WrittenCount + fragment.Length > H2ClientLimits.MaxHeaderListSize)
        {
            throw new Http2ConnectionException(Http2ErrorCode.EnhanceYourCalm, "header block above the header list limit");
        }

        _headerBlock.Write(fragment);
        if (!header.HasFlag(FrameFlags.EndHeaders))
        {
            _headerBlockStream = header.StreamId;
            return null;
        }

        _headerBlockStream = 0;
        var fields = new H2ResponseFields();
        try
        {
            _decoder.Decode(_headerBlock.WrittenSpan, fields);
        }
        catch (HpackException e)
        {
            throw new Http2ConnectionException(Http2ErrorCode.CompressionError, e.Message);
        }
        catch (HeaderListLimitException e)
        {
            // Decoding stopped part way, so the HPACK table may be out of step: the connection ends.
            throw new Http2ConnectionException(Http2ErrorCode.EnhanceYourCalm, e.Message);
        }

        return OnHeaderBlock(header.StreamId, fields, _headerBlockEndStream);
    }

    private Action<IBufferWriter<byte>>? OnHeaderBlock(int streamId, H2ResponseFields fields, bool endStream)
    {
        lock (_sync)
        {
            if (!_streams.TryGetValue(streamId, out var stream) || stream.ResponseEnded)
            {
                return null;
            }

            var isTrailers = stream.ResponseHead.IsCompleted;
            if (fields.IsMalformed || (isTrailers ? fields.Status != 0 || !endStream : fields.Status == 0))
            {
                return ResetReply(streamId, Http2ErrorCode.ProtocolError, $"malformed response header block {fields}");
            }

            if (isTrailers)
            {
                stream.Trailers = fields;
                stream.EndResponse();
            }
            else if (fields.Status >= 200)
            {
                stream.OnHead(fields, endStream);
            }

            // An interim (1xx) response is dropped: the final one follows.
        }

        return null;
    }

    /// <summary>Fails one stream and resets it on the wire; under no lock or the connection's lock.</summary>
    private Action<IBufferWriter<byte>> ResetReply(int streamId, Http2ErrorCode code, string reason)
    {
        LogDebug($"stream {streamId}: {reason}");
        lock (_sync)
        {
            if (_streams.TryGetValue(streamId, out var stream))
            {
                stream.Fail(new H2StreamResetException(code, reason));
            }
        }

        return output => FrameWriter.WriteRstStream(output, streamId, code);
    }

    private Action<IBufferWriter<byte>>? OnData(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "DATA on stream 0");
        }

        var data = FramePayload.Unpad(header, payload);
        var endStream = header.HasFlag(FrameFlags.EndStream);
        var connectionCredit = 0;
        lock (_sync)
        {
            if (!_connectionReceiveWindow.TryConsume(header.Length))
            {
                throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "DATA beyond the connection window");
            }

            // The connection window reopens as DATA arrives: each stream's own window bounds what it buffers.
            _connectionUncredited += header.Length;
            if (_connectionUncredited >= H2ClientLimits.ConnectionReceiveWindow / 2)
            {
                connectionCredit = (int)_connectionUncredited;
                _connectionUncredited = 0;
                _connectionReceiveWindow.TryGrow(connectionCredit);
            }

            if (_streams.TryGetValue(header.StreamId, out var stream) && !stream.ResponseEnded)
            {
                if (!stream.ResponseHead.IsCompleted || !stream.ReceiveWindow.TryConsume(header.Length))
                {
                    var reset = ResetReply(header.StreamId, Http2ErrorCode.ProtocolError, "DATA before the response head or beyond the stream window");
                    return Combine(connectionCredit, reset);
                }

                // Padding is never read by the session: it is credited as if it were.
                stream.UncreditedData += header.Length;
                stream.PendingCredit += header.Length - data.Length;
                stream.BodyWriter.Write(data);
                if (endStream)
                {
                    stream.EndResponse();
                }
                else
                {
                    _ = stream.BodyWriter.FlushAsync();
                }
            }
        }

        return Combine(connectionCredit, null);
    }

    private static Action<IBufferWriter<byte>>? Combine(int connectionCredit, Action<IBufferWriter<byte>>? other)
    {
        if (connectionCredit == 0)
        {
            return other;
        }

        return output =>
        {
            FrameWriter.WriteWindowUpdate(output, 0, connectionCredit);
            other?.Invoke(output);
        };
    }

    private void OnRstStream(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Length != 4 || header.StreamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "bad RST_STREAM");
        }

        var code = (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload);
        lock (_sync)
        {
            if (_streams.TryGetValue(header.StreamId, out var stream))
            {
                // RST_STREAM(NO_ERROR) after a complete response only stops the request (§8.1).
                if (!(code == Http2ErrorCode.NoError && stream.ResponseEnded))
                {
                    stream.Fail(new H2StreamResetException(code, $"backend reset the stream ({code})") { Unprocessed = code == Http2ErrorCode.RefusedStream });
                }

                stream.IsReset = true;
                SignalWindow();
            }
        }
    }

    private Action<IBufferWriter<byte>>? OnSettings(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0 || header.Length % 6 != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "bad SETTINGS");
        }

        if (header.HasFlag(FrameFlags.Ack))
        {
            return null;
        }

        lock (_sync)
        {
            for (var offset = 0; offset < payload.Length; offset += 6)
            {
                var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(offset + 2)..]);
                switch ((SettingId)BinaryPrimitives.ReadUInt16BigEndian(payload[offset..]))
                {
                    case SettingId.MaxConcurrentStreams:
                        _peerMaxConcurrent = (int)Math.Min(value, int.MaxValue);
                        break;
                    case SettingId.InitialWindowSize:
                        if (value > Streams.FlowWindow.MaxSize)
                        {
                            throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1");
                        }

                        var delta = (long)value - _peerInitialWindow;
                        _peerInitialWindow = (int)value;
                        foreach (var stream in _streams.Values)
                        {
                            if (!stream.SendWindow.TryAdjust(delta))
                            {
                                throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "a stream window above 2^31-1");
                            }
                        }

                        break;
                    case SettingId.MaxFrameSize:
                        if (value is < FrameHeader.DefaultMaxFrameSize or > 16_777_215)
                        {
                            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "SETTINGS_MAX_FRAME_SIZE out of range");
                        }

                        // What we send stays within our own read bound too.
                        _peerMaxFrameSize = FrameHeader.DefaultMaxFrameSize;
                        break;
                }
            }

            SignalWindow();
        }

        return FrameWriter.WriteSettingsAck;
    }

    private void OnGoAway(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0 || header.Length < 8)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "bad GOAWAY");
        }

        var lastStreamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        var code = (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        LogDebug($"GOAWAY ({code}), last stream {lastStreamId}");
        lock (_sync)
        {
            // No new streams here; the ones the backend will still process finish (§6.8).
            _goingAway = true;
            foreach (var stream in _streams.Values.Where(stream => stream.Id > lastStreamId).ToList())
            {
                _streams.Remove(stream.Id);
                stream.Fail(new H2StreamResetException(Http2ErrorCode.RefusedStream, "beyond the backend's GOAWAY") { Unprocessed = true });
            }
        }
    }

    private void OnWindowUpdate(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Length != 4)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "WINDOW_UPDATE not 4 octets");
        }

        var increment = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        lock (_sync)
        {
            if (header.StreamId == 0)
            {
                if (increment == 0 || !_connectionSendWindow.TryGrow(increment))
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "bad connection WINDOW_UPDATE");
                }
            }
            else if (_streams.TryGetValue(header.StreamId, out var stream) && !stream.SendWindow.TryGrow(increment))
            {
                stream.Fail(new H2StreamResetException(Http2ErrorCode.FlowControlError, "stream window above 2^31-1"));
            }

            SignalWindow();
        }
    }
}
