using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using Torii.Proxy.Backends;
using Torii.Proxy.Connections;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2;
using Torii.Proxy.Http2.Client;
using Torii.Proxy.Http2.Translation;
using Torii.Proxy.Logging;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>
/// The exchange with a backend of an <c>http2 = true</c> cluster: the request goes out on a stream
/// of a pooled h2c connection and the response comes back through the same HTTP/1.1 response
/// writer as any other, so forwarding fields, edits, sticky cookies, metrics and logs are shared.
/// The request body is sent while the response is relayed: a gRPC bidirectional call needs both at once.
/// </summary>
public sealed partial class HttpSession
{
    /// <summary>Whether the client connection may carry another request after the h2 backend's response.</summary>
    private bool _http2KeepClient;

    /// <summary>Routes the request over HTTP/2; false when the client connection must close.</summary>
    private async ValueTask<bool> ExchangeOverHttp2Async(ClusterRuntime cluster, Backend? sticky)
    {
        var key = BalancingKeyFor(cluster);
        var picked = sticky ?? cluster.Balancer.Pick(cluster.Backends, Environment.TickCount64, key: key);
        for (var attempt = 0; ; attempt++)
        {
            var stream = await H2BackendPool.OpenStreamAsync(cluster, picked, _settings.ConnectTimeout, _context.Metrics, _deadline.Token, key).ConfigureAwait(false);
            if (stream is null)
            {
                return await RefuseUnavailableAsync(cluster).ConfigureAwait(false);
            }

            var backend = stream.Connection.Backend;
            _backend = backend;
            backend.IncrementRequests();
            try
            {
                return await ExchangeOnStreamAsync(cluster, stream, sticky).ConfigureAwait(false);
            }
            catch (H2StreamResetException e) when (e.Unprocessed && attempt == 0 && !_responseStarted && CanRetryOnFreshConnection(_request))
            {
                // The backend never saw the request (GOAWAY, REFUSED_STREAM): once more, on another stream.
                Log.Debug($"http {_settings.Address}: backend {backend} refused stream: {e.Message}; retrying");
            }
            catch (H2StreamResetException e) when (!_responseStarted && !IsHttp2Stream)
            {
                Log.Warn($"http {_settings.Address}: backend {backend}: {e.Message}");
                return await RefuseAsync(502, cluster).ConfigureAwait(false);
            }
            finally
            {
                stream.Connection.Release(stream);
                backend.DecrementRequests();
            }
        }
    }

    private async ValueTask<bool> ExchangeOnStreamAsync(ClusterRuntime cluster, H2BackendStream stream, Backend? sticky)
    {
        var connection = stream.Connection;
        var block = new ArrayBufferWriter<byte>(1024);
        EncodeHttp2Request(block);
        var hasBody = HasBody(_request);
        _deadline.Arm(_settings.BackTimeout, TimeoutKind.Back);
        var sent = Stopwatch.GetTimestamp();
        await connection.SendHeadersAsync(stream, block.WrittenMemory, endStream: !hasBody, _deadline.Token).ConfigureAwait(false);
        using var bodyDone = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token);
        var body = hasBody ? SendHttp2RequestBodyAsync(stream, bodyDone.Token) : Task.FromResult(0L);
        try
        {
            var head = await stream.ResponseHead.WaitAsync(_deadline.Token).ConfigureAwait(false);
            _serviceMicros = (long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
            var complete = await RelayHttp2ResponseAsync(cluster, stream, head, sticky).ConfigureAwait(false);
            if (complete && !stream.RequestEnded)
            {
                // The response is whole while the client still sends (a server that answered early): stop reading it.
                await bodyDone.CancelAsync().ConfigureAwait(false);
                complete = false;
            }

            _bytesIn += await SettleAsync(body).ConfigureAwait(false);
            FinishRequest();
            await BodyTransfer.FlushAsync(_clientStream, _output, _deadline.Token).ConfigureAwait(false);
            return complete && _request.KeepAlive && !_context.Stopping && _http2KeepClient;
        }
        finally
        {
            await bodyDone.CancelAsync().ConfigureAwait(false);
            await SettleAsync(body).ConfigureAwait(false);
        }
    }

    private static async ValueTask<long> SettleAsync(Task<long> body)
    {
        try
        {
            return await body.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidDataException)
        {
            return 0;
        }
    }

    /// <summary>The request head as an HTTP/1.1 backend would get it, encoded as an HTTP/2 header block.</summary>
    private void EncodeHttp2Request(ArrayBufferWriter<byte> block)
    {
        _output.Clear();
        var forwarding = new ForwardingContext(_clientAddress.Address, _settings.Address, _settings.Scheme, _requestId, RequestIdHeaderName, _settings.RealIp, _requestEdit);
        RequestHeadWriter.Write(_output, _request, forwarding);
        using var rendered = new RequestHead();
        var text = new ReadOnlySequence<byte>(_output.WrittenMemory);
        if (RequestHeadParser.TryParse(ref text, rendered, _context.Limits).Status != ParseStatus.Complete)
        {
            throw new H2StreamResetException(Http2ErrorCode.InternalError, "the forwarded request head did not parse again");
        }

        H2RequestEncoder.Encode(block, rendered, H2RequestEncoder.AcceptsTrailers(_request));
        _output.Clear();
    }

    /// <summary>Streams the request body as DATA (decoded from Content-Length or chunked), chunked trailers as a final HEADERS.</summary>
    private async Task<long> SendHttp2RequestBodyAsync(H2BackendStream stream, CancellationToken cancellationToken)
    {
        try
        {
            return _request.IsChunked
                ? await SendHttp2ChunkedBodyAsync(stream, cancellationToken).ConfigureAwait(false)
                : await SendHttp2LengthBodyAsync(stream, _request.ContentLength, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or BadRequestBodyException or IOException)
        {
            // A client body that breaks off cannot be completed: the backend stream is reset.
            stream.Connection.Abort(stream, e.Message);
            throw;
        }
    }

    private async Task<long> SendHttp2LengthBodyAsync(H2BackendStream stream, long length, CancellationToken cancellationToken)
    {
        var remaining = length;
        while (remaining > 0)
        {
            var result = await _clientReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var piece = result.Buffer.Slice(0, Math.Min(remaining, result.Buffer.Length));
            remaining -= piece.Length;
            await stream.Connection.SendDataAsync(stream, piece, endStream: remaining == 0, cancellationToken).ConfigureAwait(false);
            _clientReader.AdvanceTo(piece.End);
            KeepExchangeAlive();
            if (remaining > 0 && result.IsCompleted)
            {
                throw new BadRequestBodyException();
            }
        }

        return length;
    }

    private async Task<long> SendHttp2ChunkedBodyAsync(H2BackendStream stream, CancellationToken cancellationToken)
    {
        var decoder = new ChunkedDecoder();
        var trailers = new ArrayBufferWriter<byte>(256);
        var sent = 0L;
        while (true)
        {
            var result = await _clientReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (true)
            {
                var kind = decoder.Next(ref buffer, out var piece);
                if (kind == ChunkedPieceKind.Data)
                {
                    sent += piece.Length;
                    await stream.Connection.SendDataAsync(stream, piece, endStream: false, cancellationToken).ConfigureAwait(false);
                    KeepExchangeAlive();
                    continue;
                }

                if (kind == ChunkedPieceKind.TrailerLine)
                {
                    TrailerLineEncoder.Write(trailers, piece);
                    continue;
                }

                if (kind == ChunkedPieceKind.End)
                {
                    // What follows the last chunk is the next request's, unread: marked examined, a pipelined
                    // request already in hand would wait for bytes the client has no reason to send (and a
                    // parked session's TryRead would not see it).
                    _clientReader.AdvanceTo(buffer.Start);
                    await (trailers.WrittenCount > 0
                        ? stream.Connection.SendTrailersAsync(stream, trailers.WrittenMemory, cancellationToken)
                        : stream.Connection.EndRequestAsync(stream, cancellationToken)).ConfigureAwait(false);
                    return sent;
                }

                _clientReader.AdvanceTo(buffer.Start, buffer.End);
                break;
            }

            if (result.IsCompleted)
            {
                throw new BadRequestBodyException();
            }
        }
    }

    /// <summary>
    /// A request body still moving keeps the exchange within back_timeout, as a response does: a
    /// client-streaming call may send for longer than the backend takes to answer once it has it all.
    /// </summary>
    private void KeepExchangeAlive() => _deadline.Arm(_settings.BackTimeout, TimeoutKind.Back);

    /// <summary>Writes the response head and relays the body; true when the response reached its end.</summary>
    private async ValueTask<bool> RelayHttp2ResponseAsync(ClusterRuntime cluster, H2BackendStream stream, H2ResponseFields head, Backend? sticky)
    {
        var shape = H2ResponseRenderer.ShapeFor(head, stream.EndedAtHead, _request.Method == HttpMethodKind.Head, _request.Version != HttpProtocolVersion.Http10);
        _output.Clear();
        H2ResponseRenderer.RenderHead(_output, head, shape);
        _response.Reset();
        var text = new ReadOnlySequence<byte>(_output.WrittenMemory);
        if (ResponseHeadParser.TryParse(ref text, _response, _context.Limits).Status != ParseStatus.Complete)
        {
            throw new H2StreamResetException(Http2ErrorCode.ProtocolError, "response head not valid as HTTP/1.1");
        }

        _http2KeepClient = shape != H2BodyShape.UntilClose;
        var setCookie = StickySession.CookieToSet(cluster, _request, _settings.StickyName, stream.Connection.Backend, sticky);
        _output.Clear();
        _status = _response.StatusCode;
        _bytesOut += ResponseHeadWriter.Write(_output, _response, new ResponseWriteOptions(
            _requestId, RequestIdHeaderName, CloseConnection: !(_request.KeepAlive && _http2KeepClient && !_context.Stopping), _request.Version, setCookie, CurrentResponseEdits));
        _responseStarted = true;
        if (shape is H2BodyShape.None or H2BodyShape.Empty)
        {
            return true;
        }

        var chunked = shape == H2BodyShape.Chunked;
        var reader = stream.Body;
        var relayed = 0L;
        while (true)
        {
            _deadline.Arm(_settings.BackTimeout, TimeoutKind.Back);
            var result = await reader.ReadAsync(_deadline.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                if (chunked)
                {
                    H2ResponseRenderer.RenderChunkSize(_output, buffer.Length);
                }

                _output.Write(buffer);
                _bytesOut += buffer.Length;
                relayed += buffer.Length;
                if (chunked)
                {
                    _output.Write("\r\n"u8);
                }
            }

            reader.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                break;
            }

            // Each piece goes on at once: a streaming call's messages must not wait for the next.
            await BodyTransfer.FlushAsync(_clientStream, _output, _deadline.Token).ConfigureAwait(false);
        }

        if (chunked)
        {
            H2ResponseRenderer.RenderLastChunk(_output, stream.Trailers);
            return true;
        }

        // A body that does not match its declared length leaves the client connection out of step: it closes.
        return shape != H2BodyShape.AsDeclared || relayed == _response.ContentLength;
    }
}
