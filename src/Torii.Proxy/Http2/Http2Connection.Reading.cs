using System.Buffers;
using System.Buffers.Binary;
using Torii.Proxy.Http2.Defences;
using Torii.Proxy.Http2.Frames;
using Torii.Proxy.Http2.Hpack;
using Torii.Proxy.Http2.Streams;

namespace Torii.Proxy.Http2;

/// <summary>The frame reader: one frame at a time, in order, on the connection's own task.</summary>
public sealed partial class Http2Connection
{
    /// <summary>The stream whose header block is still open (HEADERS without END_HEADERS), or 0.</summary>
    private int _headerBlockStream;
    private byte _headerBlockFlags;
    private int _continuationCount;

    private async ValueTask ReadFramesAsync()
    {
        // A frame payload is copied out of the pipe only when it spans segments.
        var scratch = new byte[FrameHeader.DefaultMaxFrameSize];
        while (true)
        {
            ArmIdleTimeout();
            var result = await _clientReader.ReadAsync(_idle.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (FrameSplitter.TryTake(buffer, out var header, out var payloadSequence))
            {
                ReadOnlyMemory<byte> payload;
                if (payloadSequence.IsSingleSegment)
                {
                    payload = payloadSequence.First;
                }
                else
                {
                    payloadSequence.CopyTo(scratch);
                    payload = scratch.AsMemory(0, header.Length);
                }

                await OnFrameAsync(header, payload).ConfigureAwait(false);
                buffer = buffer.Slice(payloadSequence.End);
            }

            _clientReader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || (result.IsCanceled && ShouldCloseAfterDrain()))
            {
                return;
            }
        }
    }

    private ValueTask OnFrameAsync(FrameHeader header, ReadOnlyMemory<byte> payload)
    {
        if (_headerBlockStream != 0 && (header.Type != FrameType.Continuation || header.StreamId != _headerBlockStream))
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{header.Type} inside the header block of stream {_headerBlockStream}");
        }

        return header.Type switch
        {
            FrameType.Data => OnDataAsync(header, payload.Span),
            FrameType.Headers => OnHeadersAsync(header, payload.Span),
            FrameType.Continuation => OnContinuationAsync(header, payload.Span),
            FrameType.Priority => OnPriority(header),
            FrameType.RstStream => OnRstStream(header, payload.Span),
            FrameType.Settings => OnSettingsAsync(header, payload.Span),
            FrameType.PushPromise => throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "PUSH_PROMISE from a client"),
            FrameType.Ping => OnPingAsync(header, payload.Span),
            FrameType.GoAway => OnGoAway(header),
            FrameType.WindowUpdate => OnWindowUpdateAsync(header, payload.Span),
            // §4.1: frames of unknown types are ignored.
            _ => ValueTask.CompletedTask,
        };
    }

    private ValueTask OnHeadersAsync(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        RequireStream(header);
        if ((header.StreamId & 1) == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"HEADERS on even stream {header.StreamId}");
        }

        _headerBlock.ResetWrittenCount();
        AppendHeaderFragment(FramePayload.HeaderBlockOf(header, payload));
        _headerBlockFlags = header.Flags;
        _continuationCount = 0;
        if (header.HasFlag(FrameFlags.EndHeaders))
        {
            return OnHeaderBlockAsync(header.StreamId, header.HasFlag(FrameFlags.EndStream));
        }

        _headerBlockStream = header.StreamId;
        return ValueTask.CompletedTask;
    }

    private ValueTask OnContinuationAsync(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (_headerBlockStream == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "CONTINUATION without an open header block");
        }

        if (++_continuationCount > _limits.MaxContinuationFrames)
        {
            throw Flood(Defence.ContinuationFlood, $"more than {_limits.MaxContinuationFrames} CONTINUATION frames in one header block");
        }

        AppendHeaderFragment(payload);
        if (!header.HasFlag(FrameFlags.EndHeaders))
        {
            return ValueTask.CompletedTask;
        }

        var streamId = _headerBlockStream;
        _headerBlockStream = 0;
        return OnHeaderBlockAsync(streamId, (_headerBlockFlags & FrameFlags.EndStream) != 0);
    }

    private void AppendHeaderFragment(ReadOnlySpan<byte> fragment)
    {
        // A compressed block larger than the decoded list may be is over the limit whatever it decodes to.
        if (_headerBlock.WrittenCount + fragment.Length > _limits.MaxHeaderListSize)
        {
            throw Flood(Defence.HeaderListSize, $"header block above {_limits.MaxHeaderListSize} octets");
        }

        _headerBlock.Write(fragment);
    }

    private ValueTask OnHeaderBlockAsync(int streamId, bool endStream)
    {
        Http2Stream? stream;
        lock (_sync)
        {
            _streams.TryGetValue(streamId, out stream);
        }

        var trailers = stream is not null || streamId <= _highestStreamId;
        _headBuilder.Reset(trailers);
        try
        {
            _decoder.Decode(_headerBlock.WrittenSpan, _headBuilder);
        }
        catch (HpackException e)
        {
            throw new Http2ConnectionException(Http2ErrorCode.CompressionError, e.Message);
        }
        catch (HeaderListLimitException e)
        {
            throw Flood(e.TooManyFields ? Defence.HeaderFields : Defence.HeaderListSize, e.Message);
        }

        if (!trailers)
        {
            return OpenStreamAsync(streamId, endStream);
        }

        if (stream is null)
        {
            // Trailers or a reused id on a stream already gone (§5.1: closed).
            return ResetStreamAsync(streamId, Http2ErrorCode.StreamClosed, clientFault: true);
        }

        return OnTrailersAsync(stream, endStream);
    }

    private ValueTask OnPriority(FrameHeader header)
    {
        RequireStream(header);
        if (header.Length != 5)
        {
            return ResetStreamAsync(header.StreamId, Http2ErrorCode.FrameSizeError, clientFault: true);
        }

        // Priority signals are advisory (RFC 9113 §5.3.2); responses are sent as their data comes.
        return ValueTask.CompletedTask;
    }

    private ValueTask OnRstStream(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        RequireStream(header);
        if (header.Length != 4)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "RST_STREAM not 4 octets");
        }

        if (header.StreamId > _highestStreamId)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"RST_STREAM on idle stream {header.StreamId}");
        }

        if (_rapidReset.Exceeded(Environment.TickCount64))
        {
            throw Flood(Defence.RapidReset, $"more than {_limits.MaxRstStreamPerWindow} stream resets per second");
        }

        lock (_sync)
        {
            if (_streams.TryGetValue(header.StreamId, out var stream))
            {
                stream.Abort();
            }
            else
            {
                CountGlitch();
            }
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask OnSettingsAsync(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "SETTINGS on a stream");
        }

        if (header.HasFlag(FrameFlags.Ack))
        {
            return header.Length == 0 ? ValueTask.CompletedTask
                : throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "SETTINGS ACK with a payload");
        }

        if (header.Length % 6 != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "SETTINGS length not a multiple of 6");
        }

        if (_settingsFlood.Exceeded(Environment.TickCount64))
        {
            throw Flood(Defence.SettingsFlood, $"more than {_limits.MaxSettingsPerWindow} SETTINGS per second");
        }

        for (var offset = 0; offset < payload.Length; offset += 6)
        {
            ApplySetting((SettingId)BinaryPrimitives.ReadUInt16BigEndian(payload[offset..]), BinaryPrimitives.ReadUInt32BigEndian(payload[(offset + 2)..]));
        }

        return SendAsync(FrameWriter.WriteSettingsAck);
    }

    private void ApplySetting(SettingId id, uint value)
    {
        switch (id)
        {
            case SettingId.EnablePush when value > 1:
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "ENABLE_PUSH above 1");
            case SettingId.InitialWindowSize when value > FlowWindow.MaxSize:
                throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "INITIAL_WINDOW_SIZE above 2^31-1");
            case SettingId.InitialWindowSize:
                lock (_sync)
                {
                    var delta = (long)value - _peerInitialWindow;
                    _peerInitialWindow = (int)value;
                    foreach (var stream in _streams.Values)
                    {
                        if (!stream.SendWindow.TryAdjust(delta))
                        {
                            throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "INITIAL_WINDOW_SIZE overflows a stream window");
                        }
                    }

                    SignalWindowOpened();
                }

                break;
            case SettingId.MaxFrameSize when value is < FrameHeader.DefaultMaxFrameSize or > 16_777_215:
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"MAX_FRAME_SIZE {value} out of range");
            case SettingId.MaxFrameSize:
                // Frames larger than the default save little once they pass the TLS record size.
                _peerMaxFrameSize = FrameHeader.DefaultMaxFrameSize;
                break;
            default:
                // HEADER_TABLE_SIZE binds an encoder that keeps no table; MAX_CONCURRENT_STREAMS binds
                // pushes we never make; MAX_HEADER_LIST_SIZE is advisory; unknown ids are ignored (§6.5.2).
                break;
        }
    }

    private ValueTask OnPingAsync(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "PING on a stream");
        }

        if (header.Length != 8)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "PING not 8 octets");
        }

        if (header.HasFlag(FrameFlags.Ack))
        {
            return ValueTask.CompletedTask;
        }

        if (_pingFlood.Exceeded(Environment.TickCount64))
        {
            throw Flood(Defence.PingFlood, $"more than {_limits.MaxPingPerWindow} PING per second");
        }

        var opaque = payload.ToArray();
        return SendAsync(output => FrameWriter.WritePingAck(output, opaque));
    }

    private ValueTask OnGoAway(FrameHeader header)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "GOAWAY on a stream");
        }

        // The client opens nothing more; the streams it has finish, then the connection closes.
        _peerGoneAway = true;
        return ValueTask.CompletedTask;
    }

    private ValueTask OnWindowUpdateAsync(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Length != 4)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "WINDOW_UPDATE not 4 octets");
        }

        var increment = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        if (header.StreamId == 0)
        {
            if (increment == 0)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "WINDOW_UPDATE of 0 on the connection");
            }

            if (_windowUpdateFlood.Exceeded(Environment.TickCount64))
            {
                throw Flood(Defence.WindowUpdateFlood, $"more than {_limits.MaxWindowUpdateStream0PerWindow} connection WINDOW_UPDATE per second");
            }

            lock (_sync)
            {
                if (!_connectionSendWindow.TryGrow(increment))
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "connection window above 2^31-1");
                }

                SignalWindowOpened();
            }

            return ValueTask.CompletedTask;
        }

        if (header.StreamId > _highestStreamId)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"WINDOW_UPDATE on idle stream {header.StreamId}");
        }

        Http2ErrorCode? error = null;
        lock (_sync)
        {
            if (!_streams.TryGetValue(header.StreamId, out var stream))
            {
                CountGlitch();
            }
            else if (increment == 0 || !stream.SendWindow.TryGrow(increment))
            {
                error = increment == 0 ? Http2ErrorCode.ProtocolError : Http2ErrorCode.FlowControlError;
            }
            else
            {
                SignalWindowOpened();
            }
        }

        return error is { } code ? ResetStreamAsync(header.StreamId, code, clientFault: true) : ValueTask.CompletedTask;
    }

    private static void RequireStream(FrameHeader header)
    {
        if (header.StreamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{header.Type} on stream 0");
        }
    }
}
