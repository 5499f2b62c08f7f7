using Torii.Client;
using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;
using Torii.Protocol;

namespace Torii.Connectors.Applying;

/// <summary>
/// The proxy through one pipelined <see cref="ToriiClient"/> connection. Keeps the health's proxy state current,
/// and reconnects by itself (with a status request) while no connection is open, so /healthz tells the truth
/// even when no message arrives.
/// </summary>
public sealed class ToriiRequestSender : IRequestSender, IAsyncDisposable
{
    private static readonly TimeSpan ReconnectInterval = TimeSpan.FromMilliseconds(500);

    private readonly ToriiClient _client;
    private readonly ConnectorHealth _health;
    private readonly ConnectorLog _log;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reconnecting;
    private CancellationTokenSource _connection = new();
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedCaller;
    private CancellationTokenSource? _linkedConnection;

    public ToriiRequestSender(string socketPath, TimeSpan requestTimeout, ConnectorHealth health, ConnectorLog log)
    {
        _health = health;
        _log = log;
        _client = new ToriiClient(new ToriiClientOptions
        {
            SocketPath = socketPath,

            // One connection: the proxy applies the requests of a connection in the order they were written.
            PoolSize = 1,
            RequestTimeout = requestTimeout,
            ConnectBackoffInitial = TimeSpan.FromMilliseconds(50),
            ConnectBackoffMax = TimeSpan.FromSeconds(1),
            OnConnectionEvent = OnConnectionEvent,
        });
        _reconnecting = Task.Run(ReconnectWhileDownAsync);
    }

    public string SocketPath => _client.Options.SocketPath;

    public bool IsConnected => _client.OpenConnections > 0;

    public async Task<Response> SendAsync(Request request, CancellationToken cancellationToken)
    {
        // A request not yet written when its connection closes must not go out on the next connection
        // ahead of the requests that were pending on the lost one: it is canceled and reported like them.
        (CancellationToken connection, CancellationToken either) = Tokens(cancellationToken);
        try
        {
            return await _client.SendAsync(request, progress: null, either).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (connection.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ProxyUnavailableException(SocketPath, $"the connection to the proxy at {SocketPath} closed before {RequestNames.Of(request)} was answered");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reconnecting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _client.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>
    /// The current connection's token, and one canceled by it or by the caller's. The linked source is kept
    /// while both stay the same, as the apply loop sends thousands of requests with one token. A replaced one
    /// is not disposed: requests still in flight rely on it.
    /// </summary>
    private (CancellationToken Connection, CancellationToken Either) Tokens(CancellationToken caller)
    {
        lock (_gate)
        {
            if (_linked is null || _linkedCaller != caller || _linkedConnection != _connection)
            {
                _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _connection.Token);
                _linkedCaller = caller;
                _linkedConnection = _connection;
            }

            return (_connection.Token, _linked.Token);
        }
    }

    private void OnConnectionEvent(ConnectionEvent connectionEvent)
    {
        switch (connectionEvent.Kind)
        {
            case ConnectionEventKind.Connected:
                _health.ProxyUp();
                _log.Info(connectionEvent.Message);
                break;
            case ConnectionEventKind.ConnectionLost:
                CancellationTokenSource lost;
                lock (_gate)
                {
                    lost = _connection;
                    _connection = new CancellationTokenSource();
                }

                lost.Cancel();
                _health.ProxyDown(connectionEvent.Message);
                _log.Warn(connectionEvent.Message);
                break;
            case ConnectionEventKind.ConnectFailed:
                _health.ProxyDown(connectionEvent.Message);
                _log.Debug(connectionEvent.Message);
                break;
        }
    }

    private async Task ReconnectWhileDownAsync()
    {
        CancellationToken stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            if (!IsConnected)
            {
                try
                {
                    await _client.SendAsync(new Request { Status = new Status() }, progress: null, stopping).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is ProxyUnavailableException or TimeoutException)
                {
                    _health.ProxyDown(exception.Message);
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
                {
                    return;
                }
            }

            await Task.Delay(ReconnectInterval, stopping).ConfigureAwait(false);
        }
    }
}
