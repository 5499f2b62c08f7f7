using System.Runtime.InteropServices;
using Torii.Protocol;
using Torii.Proxy.Hosting;
using Torii.Proxy.Logging;

namespace Torii.Hosting;

/// <summary>
/// SIGTERM, SIGINT and SIGHUP for a running proxy, registered before its command socket opens: a signal sent
/// the moment it answers there (an orchestrator's stop, systemd's reload right after start) would otherwise meet
/// the default action, which ends the process. Until <see cref="Ready"/> a signal is held, and acted on then.
/// </summary>
internal sealed class ProxySignals : IDisposable
{
    private readonly ProxyServer _server;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Lock _gate = new();
    private bool _ready;
    private PosixSignal? _heldStop;
    private bool _heldReload;

    public ProxySignals(ProxyServer server)
    {
        _server = server;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStop),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStop),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup),
        ];
    }

    /// <summary>The proxy is up: signals act from now on, and one held meanwhile acts now.</summary>
    public void Ready()
    {
        PosixSignal? stop;
        bool reload;
        lock (_gate)
        {
            _ready = true;
            (stop, reload) = (_heldStop, _heldReload);
        }

        if (stop is { } signal)
        {
            Stop(signal);
        }
        else if (reload)
        {
            Reload();
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    /// <summary>The first SIGTERM or SIGINT stops softly; a second one stops at once.</summary>
    private void OnStop(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (_gate)
        {
            if (!_ready)
            {
                _heldStop = context.Signal;
                return;
            }
        }

        Stop(context.Signal);
    }

    /// <summary>SIGHUP reloads the config file, as `torii config reload` does; the outcome goes to the log.</summary>
    private void OnHangup(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (_gate)
        {
            if (!_ready)
            {
                _heldReload = true;
                return;
            }
        }

        Reload();
    }

    private void Stop(PosixSignal signal)
    {
        if (_server.IsStopping)
        {
            _server.StopNow();
            return;
        }

        Log.Info($"{signal}: soft stop (send it again to stop at once)");
        SystemdNotifier.Stopping();
        _server.StopSoftly();
    }

    private void Reload() => _ = Task.Run(async () =>
    {
        var response = await _server.Dispatcher.ExecuteAsync(new Request { ReloadConfiguration = string.Empty });
        if (response.Status != ResponseStatus.Ok)
        {
            Log.Error($"SIGHUP: reload refused: {response.Message}");
        }
    });
}
