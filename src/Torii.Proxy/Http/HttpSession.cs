using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Net;
using System.Runtime.CompilerServices;
using Torii.Proxy.Connections;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Listeners;
using Torii.Proxy.Logging;
using Torii.Proxy.ProxyProtocol;
using Torii.Proxy.Runtime;
using Torii.Proxy.Sockets;
using Torii.Proxy.Tls;

namespace Torii.Proxy.Http;

/// <summary>
/// One client connection of an HTTP listener: requests are read, routed and
/// forwarded one after the other (keep-alive), each with the routing snapshot
/// current when its head arrived.
/// </summary>
public sealed partial class HttpSession : IDisposable
{
    // Zero-byte reads: an idle connection waits for data without holding a buffer,
    // so thousands of idle keep-alive connections cost little memory.
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true, useZeroByteReads: true);

    // Stands in, completed, for the reader of a parked session: a use by mistake fails loudly, and the
    // session's Dispose completing it again does nothing.
    private static readonly PipeReader SpentReader = CompletedReader();

    private readonly Stream _clientStream;
    private PipeReader _clientReader;
    private readonly ListenerSettings _settings;
    private readonly HttpProxyContext _context;
    private readonly IPEndPoint _clientAddress;
    private readonly Socket? _clientSocket;
    private readonly ConnectionDeadline _deadline;
    private readonly RequestHead _request;
    private readonly ResponseHead _response = new();
    private readonly OutputBuffer _output = new();
    private readonly byte[] _requestId = new byte[RequestIdGenerator.Length];

    /// <summary>What the connection's TLS handshake negotiated, for the access log; null on a plain connection.</summary>
    public TlsDetails? Tls { get; init; }

    /// <summary>This session serves one HTTP/2 stream (its HTTP/1.1 request is the stream's, translated); for the access log.</summary>
    public bool IsHttp2Stream { get; init; }

    /// <summary>A plain listener that accepts HTTP/2 with prior knowledge: the first bytes decide the protocol.</summary>
    public bool SniffsCleartextPreface { get; init; }

    /// <summary>Whether any byte of the current response reached the client: after that, errors can only close.</summary>
    private bool _responseStarted;

    /// <summary>An HTTP/2 stream's request, parsed from its HEADERS: served first, its reader carries only the body.</summary>
    private HeadParseResult? _parsedRequest;

    /// <param name="clientStream">The client's byte stream, plain or TLS; the session owns it.</param>
    /// <param name="clientSocket">The socket under the stream, watched for the client leaving while a request waits for a backend slot.</param>
    /// <param name="clientReader">Reads the client's bytes when they do not come from <paramref name="clientStream"/> itself (an HTTP/2 stream, a sniffed preface).</param>
    /// <param name="deadline">The connection's deadline when a caller already armed it for the first request (a sniffed preface); the session owns it.</param>
    /// <param name="parsedRequest">The request head already parsed and the parser's verdict (an HTTP/2 stream); the session owns the head.</param>
    public HttpSession(
        Stream clientStream, IPEndPoint clientAddress, ListenerSettings settings, HttpProxyContext context, Socket? clientSocket = null, PipeReader? clientReader = null,
        ConnectionDeadline? deadline = null, (RequestHead Head, HeadParseResult Result)? parsedRequest = null)
    {
        _deadline = deadline ?? new ConnectionDeadline();
        _request = parsedRequest?.Head ?? new();
        _parsedRequest = parsedRequest?.Result;
        _clientSocket = clientSocket;
        _clientStream = clientStream;
        _clientReader = clientReader ?? PipeReader.Create(_clientStream, ReaderOptions);
        _clientAddress = clientAddress;
        _settings = settings;
        _context = context;
    }

    /// <param name="origin">The client as a PROXY header named it (expect_proxy listeners); null: the socket's peer.</param>
    public static Task RunAsync(Socket client, ListenerSettings settings, HttpProxyContext context, ClientOrigin? origin = null) =>
        Http2.CleartextPreface.RunAsync(client, settings, context, origin);

    /// <summary>The reader options of a client connection, for a caller that reads the first bytes itself.</summary>
    internal static StreamPipeReaderOptions ClientReaderOptions => ReaderOptions;

    public async Task RunAsync()
    {
        using var clientGone = WatchClientGone();
        try
        {
            if (SniffsCleartextPreface && await ServedAsHttp2Async().ConfigureAwait(false))
            {
                return;
            }

            var firstRequest = true;
            while (true)
            {
                // While stopping, a keep-alive client gets a short while to send the request it may already
                // have on the way; its answer says Connection: close. Closing at once would drop that request.
                var idle = _context.Stopping && _settings.FrontTimeout > HttpProxyContext.StoppingIdleGrace ? HttpProxyContext.StoppingIdleGrace : _settings.FrontTimeout;
                _deadline.Arm(firstRequest ? _settings.RequestTimeout : idle, firstRequest ? TimeoutKind.Request : TimeoutKind.Idle);
                ResetActions();
                if (!firstRequest)
                {
                    await WaitForNextRequestAsync().ConfigureAwait(false);
                    ResumeReading();
                }

                if (!await ReadRequestHeadAsync().ConfigureAwait(false))
                {
                    return;
                }

                firstRequest = false;
                _responseStarted = false;
                bool keepAlive;
                try
                {
                    keepAlive = await ProxyRequestAsync().ConfigureAwait(false);
                }
                finally
                {
                    FinishRequest();
                }

                if (!keepAlive)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_deadline.HasExpired)
        {
            await AnswerTimeoutAsync().ConfigureAwait(false);
        }
        catch (BadRequestBodyException e)
        {
            Log.Debug($"http {_settings.Address} client {_clientAddress}: {e.Message}");
            await AnswerQuietlyAsync(400).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.Debug($"http {_settings.Address} client {_clientAddress}: connection ended: {e.Message}");
        }
        finally
        {
            FinishRequest();
            Dispose();
        }
    }

    public void Dispose()
    {
        LeavePerIpCount();
        _deadline.Dispose();
        _clientReader.Complete();
        _clientStream.Dispose();
        _request.Dispose();
        _response.Dispose();
        _output.Dispose();
    }

    private ValueTask<bool> ServedAsHttp2Async()
    {
        _deadline.Arm(_settings.RequestTimeout, TimeoutKind.Request);
        return Http2.CleartextPreface.TryServeHttp2Async(_clientStream, _clientReader, _clientAddress, _settings, _context, _deadline);
    }

    /// <summary>Reads the next request head; false when the connection should close (clean end, or an error already answered).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadRequestHeadAsync()
    {
        if (_parsedRequest is { } parsedRequest)
        {
            _parsedRequest = null;
            return await AcceptHeadAsync(parsedRequest).ConfigureAwait(false);
        }

        _request.Reset();
        var between = true;
        while (true)
        {
            var reading = _clientReader.ReadAsync(_deadline.Token);
            if (between && !reading.IsCompleted)
            {
                ReleaseIdleBuffers();
            }

            between = false;

            var result = await reading.ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty && _deadline.ArmedKind == TimeoutKind.Idle)
            {
                _deadline.Arm(_settings.RequestTimeout, TimeoutKind.Request);
            }

            var parsed = RequestHeadParser.TryParse(ref buffer, _request, _context.Limits);
            switch (parsed.Status)
            {
                case ParseStatus.Complete or ParseStatus.Error:
                    _clientReader.AdvanceTo(buffer.Start);
                    return await AcceptHeadAsync(parsed).ConfigureAwait(false);
                default:
                    _clientReader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        if (!buffer.IsEmpty)
                        {
                            await SendAnswerAsync(400, cluster: null).ConfigureAwait(false);
                        }

                        return false;
                    }

                    break;
            }
        }
    }

    /// <summary>Starts the request whose head was parsed; a head the parser rejected is answered, and the connection closes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AcceptHeadAsync(HeadParseResult parsed)
    {
        RequestIdGenerator.Next(_requestId);
        BeginRequest(headParsed: parsed.IsComplete);
        if (parsed.IsComplete)
        {
            return true;
        }

        Log.Debug($"http {_settings.Address} client {_clientAddress}: bad request: {parsed.Error}");
        await SendAnswerAsync(parsed.Error.StatusCode, cluster: null).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Between two requests of a plain connection whose client has sent nothing more: waits on the socket
    /// itself, so an idle keep-alive connection is parked on its socket's readiness with only this
    /// method's caller suspended, holding no buffer, no read of the pipe and no frame of the head's
    /// parsing. Bytes already in hand (a pipelined request), or a stream under TLS or a PROXY header's
    /// leftover, go straight to the usual read.
    /// </summary>
    private ValueTask<int> WaitForNextRequestAsync()
    {
        if (_clientStream is not LoopStream transport)
        {
            return ValueTask.FromResult(0);
        }

        // False means the pipe is empty: a request leaves nothing examined past what it consumed (the head
        // parser and every body reader end their last advance at the same place), and TryRead returns
        // whatever was not examined. Completing the reader below would otherwise drop such bytes.
        if (_clientReader.TryRead(out var buffered))
        {
            _clientReader.AdvanceTo(buffered.Buffer.Start);
            return ValueTask.FromResult(0);
        }

        ReleaseIdleBuffers();
        _clientReader.Complete();
        _clientReader = SpentReader;
        _deadline.ReleaseToken();
        return transport.ParkAsync(_deadline);
    }

    /// <summary>
    /// A parked session's reader is a new one from here: a pipe reader that has been used keeps a buffer
    /// segment, its segment pool and a cancellation source with a callback slot (about 300 bytes), which
    /// an idle connection would hold for nothing.
    /// </summary>
    private void ResumeReading()
    {
        _deadline.Unpark();
        if (ReferenceEquals(_clientReader, SpentReader))
        {
            _clientReader = PipeReader.Create(_clientStream, ReaderOptions);
        }
    }

    /// <summary>
    /// While the client has sent nothing more, the connection keeps no buffer: its heads and output
    /// go back to the pool (thousands of idle keep-alive connections then cost little memory).
    /// </summary>
    private void ReleaseIdleBuffers()
    {
        _output.Release();
        _request.ReleaseBuffers();
        _response.ReleaseBuffers();
    }

    private static PipeReader CompletedReader()
    {
        var reader = PipeReader.Create(Stream.Null);
        reader.Complete();
        return reader;
    }

    private ValueTask AnswerTimeoutAsync() => AnswerQuietlyAsync(_deadline.ExpiredKind switch
    {
        TimeoutKind.Request => 408,
        TimeoutKind.Back => 504,
        _ => 0,
    });

    /// <summary>Sends an answer on the way out, if the response has not started; the client may already be gone.</summary>
    private async ValueTask AnswerQuietlyAsync(int status)
    {
        if (status == 0 || _responseStarted)
        {
            return;
        }

        try
        {
            await WriteAnswerAsync(AnswerFor(status, _currentCluster), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The client left first.
        }
    }

    private ValueTask SendAnswerAsync(int status, ClusterRuntime? cluster) => WriteAnswerAsync(AnswerFor(status, cluster), _deadline.Token);

    private async ValueTask WriteAnswerAsync(DefaultAnswer answer, CancellationToken cancellationToken, byte[]? extraLine = null)
    {
        var bytes = Render(answer, extraLine);
        RecordAnswer(answer, bytes.Length);
        FinishRequest();
        _responseStarted = true;
        await _clientStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private DefaultAnswer AnswerFor(int status, ClusterRuntime? cluster) =>
        cluster?.Answers.Find(status) ?? _settings.Answers.Find(status) ?? DefaultAnswers.Builtin.Find(status) ?? DefaultAnswers.Builtin.Find(502)!;

    private static bool HasBody(RequestHead request) => request.IsChunked || request.ContentLength > 0;
}
