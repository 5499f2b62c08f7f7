using System.Net.Sockets;
using Torii.Proxy.Audit;
using Torii.Proxy.Command;
using Torii.Proxy.Connections;
using Torii.Proxy.Events;
using Torii.Proxy.Health;
using Torii.Proxy.Http;
using Torii.Proxy.Listeners;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.ProxyProtocol;
using Torii.Proxy.Runtime;
using Torii.Proxy.Sockets;
using Torii.Proxy.State;
using Torii.Proxy.Tcp;
using Torii.Proxy.Tls;
using Torii.Proxy.Upgrade;
using Torii.Protocol;

namespace Torii.Proxy.Hosting;

/// <summary>The whole proxy: state, listeners, sessions and the command socket, and how it stops or upgrades.</summary>
public sealed class ProxyServer : IProxyLifecycle, IAsyncDisposable
{
    /// <summary>How long a new process has, from its start, to take over.</summary>
    private static readonly TimeSpan HandoverTimeout = TimeSpan.FromSeconds(60);

    /// <summary>After an upgrade, how long open connections have to finish before this process exits anyway.</summary>
    private static readonly TimeSpan UpgradeDrainTimeout = TimeSpan.FromSeconds(60);

    private readonly ProxyOptions _options;
    private readonly SnapshotHolder _snapshots = new();
    private readonly ConnectionTracker _connections;
    private readonly HttpProxyContext _httpContext;
    private readonly ProxyMetrics _metrics = new();
    private readonly AccessLog? _accessLog;
    private readonly AuditLog? _auditLog;
    private readonly ListenerManager _listeners;
    private readonly CommandServer _commandServer;
    private readonly IdleConnectionSweeper _idleSweeper;
    private readonly HealthChecker _healthChecker;
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    /// <param name="inheritedListeners">Listening sockets handed over by the process this one upgrades, by address.</param>
    public ProxyServer(ProxyOptions options, IReadOnlyDictionary<System.Net.IPEndPoint, Socket>? inheritedListeners = null)
    {
        _options = options;
        if (options.WorkerCount > 0 && !SocketLoops.Configure(options.WorkerCount) && SocketLoops.Count != options.WorkerCount)
        {
            Log.Warn($"worker_count = {options.WorkerCount} ignored: this process already runs {SocketLoops.Count} socket loops");
        }

        _connections = new ConnectionTracker(options.MaxConnections, TimeSpan.FromSeconds(options.AcceptQueueTimeoutSeconds), _metrics);
        _accessLog = AccessLog.Open(options.AccessLogTarget, options.AccessLogFormat);
        _httpContext = new HttpProxyContext(_snapshots, options.Limits, options.RequestIdHeader, _metrics, _accessLog) { RetryAfterSeconds = options.RetryAfterSeconds };
        _listeners = new ListenerManager(RunSessionAsync, _connections, inheritedListeners);
        var state = new ConfigState(_snapshots, _listeners, new ProxyDefaults(options.MaxIdleBackendConnections, BackendIdleTimeoutMs: (long)options.BackendIdleTimeout.TotalMilliseconds));
        Dispatcher = new CommandDispatcher(state, this, _metrics, () => _connections.Active);
        Dispatcher.PublishEventsTo(new EventBus());
        _auditLog = AuditLog.Open(options.AuditLogTarget);
        if (_auditLog is not null)
        {
            Dispatcher.AuditTo(_auditLog);
        }
        _commandServer = new CommandServer(options.CommandSocket, options.MaxCommandFrameSize, Dispatcher);
        _idleSweeper = new IdleConnectionSweeper();
        _healthChecker = new HealthChecker(_snapshots);
        _healthChecker.Start();
    }

    public CommandDispatcher Dispatcher { get; }

    /// <summary>Completes when a stop was asked for and, for a soft stop, open connections have finished.</summary>
    public Task Exited => _exit.Task;

    public bool IsStopping => Volatile.Read(ref _stopping) != 0;

    /// <param name="inherited">The command socket handed over by the process this one upgrades.</param>
    public void StartCommandSocket(Socket? inherited = null)
    {
        _listeners.ReleaseUnusedInherited();
        _commandServer.Start(inherited);
    }

    public async Task<string> UpgradeAsync(string? executable, IReadOnlyList<Request> state, CancellationToken cancellationToken)
    {
        if (IsStopping)
        {
            throw new CommandException("the proxy is stopping: there is nothing to upgrade");
        }

        var program = executable ?? Environment.ProcessPath ?? throw new CommandException("this process does not know its own executable; give --binary");
        var plan = new UpgradePlan(
            program,
            _options.ConfigPath ?? throw new CommandException("this proxy was not started from a config file: nothing to start the new process with"),
            _options.CommandSocket,
            _listeners.ListeningSockets(),
            _commandServer.ListeningSocket ?? throw new CommandException("the command socket is not open"),
            state,
            HandoverTimeout);
        var outcome = await UpgradeLauncher.RunAsync(plan, cancellationToken).ConfigureAwait(false);

        // The new process accepts on the same sockets already; from now on only it does.
        Interlocked.Exchange(ref _stopping, 1);
        _httpContext.BeginStopping();
        await _listeners.StopAcceptingAsync().ConfigureAwait(false);
        Log.Info($"upgrade: pid {outcome.ProcessId} (torii {outcome.Version}) took over; draining {_connections.Active} open connections");
        return $"upgraded: pid {outcome.ProcessId} runs torii {outcome.Version} and serves every listener and the command socket; " +
            $"pid {Environment.ProcessId} (torii {ToriiVersion.Current}) stopped accepting and exits once its {_connections.Active} open connections have finished";
    }

    public void FinishUpgrade()
    {
        _commandServer.HandOver();
        _ = DrainAsync(UpgradeDrainTimeout);
    }

    public void StopSoftly()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            _ = DrainAsync(Timeout.InfiniteTimeSpan);
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
        await _healthChecker.DisposeAsync().ConfigureAwait(false);
        if (_accessLog is not null)
        {
            await _accessLog.DisposeAsync().ConfigureAwait(false);
        }

        _auditLog?.Dispose();
    }

    private async Task DrainAsync(TimeSpan timeout)
    {
        Log.Info($"soft stop: no longer accepting; waiting for {_connections.Active} open connections");
        _httpContext.BeginStopping();
        await _listeners.StopAcceptingAsync().ConfigureAwait(false);
        var drained = _connections.DrainAsync();
        DeadlineScanner.ShortenIdle(HttpProxyContext.StoppingIdleGrace);
        if (await Task.WhenAny(drained, Task.Delay(timeout)).ConfigureAwait(false) == drained)
        {
            Log.Info("soft stop: all connections finished");
        }
        else
        {
            Log.Warn($"soft stop: {_connections.Active} connections still open after {timeout.TotalSeconds:0} s; exiting anyway");
        }

        _exit.TrySetResult();
    }

    private Task RunSessionAsync(Socket client, ListenerSettings settings) =>
        settings.ExpectProxy ? RunProxiedSessionAsync(client, settings) : RunSessionAsync(client, settings, origin: null);

    private Task RunSessionAsync(Socket client, ListenerSettings settings, ClientOrigin? origin) => settings.Protocol switch
    {
        ListenerProtocol.Tcp => new TcpSession(client, settings, _snapshots, _metrics, origin) { AccessLog = _accessLog }.RunAsync(),
        ListenerProtocol.Https => HttpsSession.RunAsync(client, settings, _httpContext, origin),
        _ => HttpSession.RunAsync(client, settings, _httpContext, origin),
    };

    /// <summary>A listener behind a load balancer: its PROXY header comes first, before TLS; without one the connection is closed.</summary>
    private async Task RunProxiedSessionAsync(Socket client, ListenerSettings settings)
    {
        if (await ProxyHeaderReader.ReadAsync(client, settings, _metrics).ConfigureAwait(false) is { } origin)
        {
            await RunSessionAsync(client, settings, origin).ConfigureAwait(false);
        }
    }
}
