using System.Net.Sockets;
using Torii.Proxy.Command;
using Torii.Proxy.Connections;
using Torii.Proxy.Http;
using Torii.Proxy.Listeners;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;
using Torii.Proxy.Tcp;
using Torii.Proxy.Tls;

namespace Torii.Proxy.Hosting;

/// <summary>The whole proxy: state, listeners, sessions and the command socket, and how it stops.</summary>
public sealed class ProxyServer : IProxyLifecycle, IAsyncDisposable
{
    private readonly ProxyOptions _options;
    private readonly SnapshotHolder _snapshots = new();
    private readonly ConnectionTracker _connections;
    private readonly HttpProxyContext _httpContext;
    private readonly ProxyMetrics _metrics = new();
    private readonly AccessLog? _accessLog;
    private readonly ListenerManager _listeners;
    private readonly CommandServer _commandServer;
    private readonly IdleConnectionSweeper _idleSweeper;
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    public ProxyServer(ProxyOptions options)
    {
        _options = options;
        _connections = new ConnectionTracker(options.MaxConnections);
        _accessLog = AccessLog.Open(options.AccessLogTarget);
        _httpContext = new HttpProxyContext(_snapshots, options.Limits, options.RequestIdHeader, _metrics, _accessLog);
        _listeners = new ListenerManager(RunSessionAsync, _connections);
        var state = new ConfigState(_snapshots, _listeners, new ProxyDefaults(options.MaxIdleBackendConnections, BackendIdleTimeoutMs: (long)options.BackendIdleTimeout.TotalMilliseconds));
        Dispatcher = new CommandDispatcher(state, this, _metrics, () => _connections.Active);
        _commandServer = new CommandServer(options.CommandSocket, options.MaxCommandFrameSize, Dispatcher);
        _idleSweeper = new IdleConnectionSweeper(_snapshots);
    }

    public CommandDispatcher Dispatcher { get; }

    /// <summary>Completes when a stop was asked for and, for a soft stop, open connections have finished.</summary>
    public Task Exited => _exit.Task;

    public bool IsStopping => Volatile.Read(ref _stopping) != 0;

    public void StartCommandSocket() => _commandServer.Start();

    public void StopSoftly()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            _ = DrainAsync();
        }
    }

    public void StopNow()
    {
        Interlocked.Exchange(ref _stopping, 1);
        Log.Info("hard stop");
        _exit.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _commandServer.DisposeAsync().ConfigureAwait(false);
        await _listeners.StopAcceptingAsync().ConfigureAwait(false);
        _idleSweeper.Dispose();
        if (_accessLog is not null)
        {
            await _accessLog.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task DrainAsync()
    {
        Log.Info($"soft stop: no longer accepting; waiting for {_connections.Active} open connections");
        _httpContext.BeginStopping();
        await _listeners.StopAcceptingAsync().ConfigureAwait(false);
        var drained = _connections.DrainAsync();
        DeadlineScanner.ExpireIdle();
        await drained.ConfigureAwait(false);
        Log.Info("soft stop: all connections finished");
        _exit.TrySetResult();
    }

    private Task RunSessionAsync(Socket client, ListenerSettings settings) => settings.Protocol switch
    {
        ListenerProtocol.Tcp => new TcpSession(client, settings, _snapshots, _metrics).RunAsync(),
        ListenerProtocol.Https => HttpsSession.RunAsync(client, settings, _httpContext),
        _ => HttpSession.RunAsync(client, settings, _httpContext),
    };
}
