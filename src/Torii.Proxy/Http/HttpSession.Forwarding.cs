using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Torii.Proxy.Backends;
using Torii.Proxy.Connections;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Logging;
using Torii.Proxy.Routing;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

public sealed partial class HttpSession
{
    private ClusterRuntime? _currentCluster;

    /// <summary>Whether the backend sent any byte for the current request: from then on it is never sent again.</summary>
    private bool _responseBytesSeen;

    private byte[] RequestIdHeaderName => _settings.RequestIdHeader ?? _context.RequestIdHeader;

    /// <summary>Routes and forwards the request whose head was just read; false when the client connection must close.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ProxyRequestAsync()
    {
        if (_request.Method == HttpMethodKind.Connect)
        {
            // A reverse proxy does not tunnel to an address the client names; forwarded as a plain
            // request, CONNECT would leave the backend connection out of step with its framing.
            return await RefuseAsync(501, null).ConfigureAwait(false);
        }

        try
        {
            var snapshot = _context.Snapshots.Current;
            var match = snapshot.RoutesFor(_settings.Address).Match(_request.EffectiveHost, _request.Path, _request.MethodBytes);
            if (!match.Found)
            {
                return await RefuseAsync(404, null).ConfigureAwait(false);
            }

            ClusterRuntime? cluster = null;
            if (!match.Target.IsDeny && !snapshot.Clusters.TryGetValue(match.Target.ClusterId, out cluster))
            {
                return await RefuseAsync(503, null).ConfigureAwait(false);
            }

            _currentCluster = cluster;
            if (match.Route.Actions is { } actions && await ApplyActionsAsync(match.Route, actions, cluster).ConfigureAwait(false) is { } answered)
            {
                return answered;
            }

            if (cluster is null)
            {
                return await RefuseAsync(401, null).ConfigureAwait(false);
            }

            if (!TryCountPerIp(cluster, snapshot))
            {
                return await RefuseTooManyAsync(cluster).ConfigureAwait(false);
            }

            if (cluster.HttpsRedirect && _settings.Protocol == Listeners.ListenerProtocol.Http)
            {
                return await RedirectToHttpsAsync(cluster).ConfigureAwait(false);
            }

            var sticky = StickySession.Preferred(cluster, _request, _settings.StickyName);
            if (cluster.Http2)
            {
                return await ExchangeOverHttp2Async(cluster, sticky).ConfigureAwait(false);
            }

            var connection = await AcquireConnectionAsync(cluster, sticky).ConfigureAwait(false);
            if (connection is null)
            {
                return await RefuseUnavailableAsync(cluster).ConfigureAwait(false);
            }

            return await ExchangeAsync(cluster, connection, sticky).ConfigureAwait(false);
        }
        finally
        {
            ReleaseSlot();
        }
    }

    private async ValueTask<bool> RefuseAsync(int status, ClusterRuntime? cluster)
    {
        await SendAnswerAsync(status, cluster).ConfigureAwait(false);
        return false;
    }

    private async ValueTask<BackendConnection?> AcquireConnectionAsync(ClusterRuntime cluster, Backend? preferred)
    {
        if (cluster.Backends.HasLimits)
        {
            return await AcquireQueuedConnectionAsync(cluster, preferred, BalancingKeyFor(cluster)).ConfigureAwait(false);
        }

        var key = BalancingKeyFor(cluster);
        var now = Environment.TickCount64;
        var backend = preferred ?? cluster.Balancer.Pick(cluster.Backends, now, key: key);
        if (backend is not null && (backend.ConnectionPool as BackendConnectionPool)?.TryTake() is { } idle)
        {
            return idle;
        }

        var connected = await BackendConnector.ConnectAsync(cluster, backend, _settings.ConnectTimeout, _context.Metrics, _deadline.Token, key).ConfigureAwait(false);
        return connected is { } pair ? new BackendConnection(pair.Backend, pair.Socket) : null;
    }

    /// <summary>
    /// Sends the request and relays the response. A reused connection that the
    /// backend closed while it sat idle fails before any response byte; a request
    /// without a body is then sent once more on a new connection.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ExchangeAsync(ClusterRuntime cluster, BackendConnection connection, Backend? sticky)
    {
        var backend = connection.Backend;
        _backend = backend;
        backend.IncrementRequests();
        try
        {
            return await ExchangeOnceAsync(cluster, connection, sticky).ConfigureAwait(false);
        }
        finally
        {
            backend.DecrementRequests();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ExchangeOnceAsync(ClusterRuntime cluster, BackendConnection connection, Backend? sticky)
    {
        var backend = connection.Backend;
        try
        {
            var outcome = await SendRequestAndReadResponseHeadAsync(connection).ConfigureAwait(false);
            if (outcome == ResponseHeadOutcome.NothingReceived && connection.RequestCount > 0 && CanRetryOnFreshConnection(_request))
            {
                connection.Dispose();
                var fresh = await BackendConnector.TryConnectAsync(backend, cluster, _settings.ConnectTimeout, _context.Metrics, _deadline.Token).ConfigureAwait(false);
                if (fresh is null)
                {
                    return await RefuseAsync(503, cluster).ConfigureAwait(false);
                }

                connection = new BackendConnection(backend, fresh);
                outcome = await SendRequestAndReadResponseHeadAsync(connection).ConfigureAwait(false);
            }

            if (outcome != ResponseHeadOutcome.Received)
            {
                connection.Dispose();
                Log.Warn($"http {_settings.Address}: backend {backend} closed without a valid response");
                return await RefuseAsync(502, cluster).ConfigureAwait(false);
            }

            connection.RequestCount++;
            return await RelayResponseAsync(connection, StickySession.CookieToSet(cluster, _request, _settings.StickyName, backend, sticky)).ConfigureAwait(false);
        }
        catch
        {
            if (!connection.IsIdleInPool)
            {
                connection.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// A request that failed on a reused connection before any response byte is sent once more when
    /// it has no body to replay and repeating it is harmless (RFC 9110, 9.2.2: idempotent methods).
    /// </summary>
    private static bool CanRetryOnFreshConnection(RequestHead request) =>
        !HasBody(request) && request.Method is HttpMethodKind.Get or HttpMethodKind.Head or HttpMethodKind.Options
            or HttpMethodKind.Put or HttpMethodKind.Delete or HttpMethodKind.Trace;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponseHeadOutcome> SendRequestAndReadResponseHeadAsync(BackendConnection connection)
    {
        _output.Clear();
        _responseBytesSeen = false;
        var forwarding = new ForwardingContext(_clientAddress.Address, _settings.Address, _settings.Scheme, _requestId, RequestIdHeaderName, _settings.RealIp, _requestEdit);
        RequestHeadWriter.Write(_output, _request, forwarding);
        try
        {
            _deadline.Arm(_settings.BackTimeout, TimeoutKind.Back);
            var sent = Stopwatch.GetTimestamp();
            _bytesIn = _request.RawHead.Length + await BodyTransfer.SendRequestBodyAsync(_clientReader, _request, connection.Stream, _output, _deadline, _settings, _context.Limits).ConfigureAwait(false);
            _deadline.Arm(_settings.BackTimeout, TimeoutKind.Back);
            var read = await ReadResponseHeadAsync(connection).ConfigureAwait(false);
            _serviceMicros = (long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
            return read ? ResponseHeadOutcome.Received : Unanswered();
        }
        catch (Exception e) when (e is IOException or SocketException && e is not BadRequestBodyException && !_deadline.HasExpired)
        {
            Log.Debug($"http {_settings.Address}: backend {connection.Backend} failed: {e.Message}");
            return Unanswered();
        }
    }

    private ResponseHeadOutcome Unanswered() => _responseBytesSeen ? ResponseHeadOutcome.Malformed : ResponseHeadOutcome.NothingReceived;

    /// <summary>False when the backend closed or answered garbage before a final response head.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadResponseHeadAsync(BackendConnection connection)
    {
        while (true)
        {
            _response.Reset();
            var reader = connection.Reader;
            while (true)
            {
                var result = await reader.ReadAsync(_deadline.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                _responseBytesSeen |= !buffer.IsEmpty;
                var parsed = ResponseHeadParser.TryParse(ref buffer, _response, _context.Limits);
                if (parsed.Status == ParseStatus.Complete)
                {
                    reader.AdvanceTo(buffer.Start);
                    break;
                }

                if (parsed.Status == ParseStatus.Error || result.IsCompleted)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return false;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (_response.StatusCode is >= 100 and < 200 && _response.StatusCode != 101)
            {
                await RelayInterimResponseAsync().ConfigureAwait(false);
                continue;
            }

            return true;
        }
    }

    private async ValueTask RelayInterimResponseAsync()
    {
        _output.Clear();
        _bytesOut += ResponseHeadWriter.Write(_output, _response, new ResponseWriteOptions(_requestId, RequestIdHeaderName, CloseConnection: false, _request.Version));
        _responseStarted = true;
        await _clientStream.WriteAsync(_output.WrittenMemory, _deadline.Token).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RelayResponseAsync(BackendConnection connection, ReadOnlyMemory<byte> setCookie)
    {
        if (_response.StatusCode == 101)
        {
            if (!_request.IsUpgrade)
            {
                connection.Dispose();
                return await RefuseAsync(502, _currentCluster).ConfigureAwait(false);
            }

            return await TunnelAsync(connection, setCookie).ConfigureAwait(false);
        }

        var framing = BodyFraming.ForResponse(_response, _request.Method);
        var keepClient = _request.KeepAlive && framing.Kind != BodyKind.UntilClose && !_context.Stopping;
        _output.Clear();
        _status = _response.StatusCode;
        _bytesOut += ResponseHeadWriter.Write(_output, _response, new ResponseWriteOptions(_requestId, RequestIdHeaderName, CloseConnection: !keepClient, _request.Version, setCookie, CurrentResponseEdits));
        _responseStarted = true;
        var (complete, bodyBytes) = await BodyTransfer.SendResponseBodyAsync(connection.Reader, framing, _clientStream, _output, _deadline, _settings, _context.Limits).ConfigureAwait(false);
        _bytesOut += bodyBytes;
        if (complete && _response.KeepAlive && framing.Kind is BodyKind.None or BodyKind.ContentLength or BodyKind.Chunked
            && !connection.Backend.IsRemoved && connection.EndedAtMessageBoundary())
        {
            BackendConnectionPool.Of(connection.Backend)?.Return(connection);
        }
        else
        {
            connection.Dispose();
        }

        FinishRequest();
        await BodyTransfer.FlushAsync(_clientStream, _output, _deadline.Token).ConfigureAwait(false);
        return keepClient && complete;
    }

    private async ValueTask<bool> TunnelAsync(BackendConnection connection, ReadOnlyMemory<byte> setCookie)
    {
        _output.Clear();
        _status = _response.StatusCode;
        _bytesOut += ResponseHeadWriter.Write(_output, _response, new ResponseWriteOptions(_requestId, RequestIdHeaderName, CloseConnection: false, _request.Version, setCookie, CurrentResponseEdits));
        _responseStarted = true;
        FinishRequest();
        await _clientStream.WriteAsync(_output.WrittenMemory, _deadline.Token).ConfigureAwait(false);
        using (connection)
        {
            _deadline.Arm(_settings.FrontTimeout, TimeoutKind.Front);
            await Tunnel.RunAsync(_clientReader, _clientStream, connection.Reader, connection.Stream, _deadline, _settings.FrontTimeout).ConfigureAwait(false);
        }

        return false;
    }
}
