using System.Text;
using Torii.Protocol;
using Torii.Proxy.Hosting;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.State;

namespace Torii.Proxy.Command;

/// <summary>
/// Applies requests one at a time, whoever sends them: validation first, then the
/// state. A request that fails leaves the state exactly as it was.
/// </summary>
public sealed partial class CommandDispatcher(ConfigState state, IProxyLifecycle lifecycle, ProxyMetrics? metrics = null, Func<int>? clientConnections = null)
{
    private readonly ProxyMetrics _metrics = metrics ?? new ProxyMetrics();

    private const int SaveBufferBytes = 1 << 16;

    private readonly CommandGate _gate = new();
    private readonly Dictionary<string, int> _requestCounts = new(StringComparer.Ordinal);
    private StateJournal? _journal;
    private bool _handedOver;

    public ConfigState State => state;

    /// <summary>From now on, every change is saved to the file before it is acknowledged.</summary>
    public async Task SaveChangesToAsync(string path)
    {
        await _gate.EnterAsync(inline: false).ConfigureAwait(false);
        try
        {
            _journal?.Dispose();
            _journal = new StateJournal(path, state.RequestsToWrite);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <exception cref="HandedOverException">An upgrade handed the state to a new process: nothing is applied here any more.</exception>
    public Task<Response> ExecuteAsync(Request request, CancellationToken cancellationToken = default) =>
        ExecuteAsync(request, CommandPeer.Proxy, cancellationToken);

    /// <param name="peer">Who sent it: its events and audit lines name it.</param>
    /// <exception cref="HandedOverException">An upgrade handed the state to a new process: nothing is applied here any more.</exception>
    public async Task<Response> ExecuteAsync(Request request, CommandPeer peer, CancellationToken cancellationToken = default)
    {
        await _gate.EnterAsync(IsShort(request), cancellationToken).ConfigureAwait(false);
        try
        {
            if (_handedOver)
            {
                throw new HandedOverException();
            }

            _peer = peer;
            var response = await ExecuteLockedAsync(request, cancellationToken).ConfigureAwait(false);
            Audit(request, response);
            return response;
        }
        finally
        {
            _peer = CommandPeer.Proxy;
            _gate.Release();
        }
    }

    private async ValueTask<Response> ExecuteLockedAsync(Request request, CancellationToken cancellationToken)
    {
        var name = RequestNames.Of(request);
        _requestCounts[name] = _requestCounts.GetValueOrDefault(name) + 1;
        var invalid = RequestValidator.Validate(request);
        if (invalid is not null)
        {
            Log.Warn($"command {name} refused: {invalid}");
            return Responses.Failure(invalid);
        }

        try
        {
            var clusterBefore = ClusterBefore(request);
            var response = await ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Status == ResponseStatus.Ok && IsChange(request))
            {
                if (Log.IsEnabled(LogLevel.Info))
                {
                    Log.Info($"command {name}: {response.Message}");
                }

                PublishEvents(request, response.Message, clusterBefore);
            }

            if (response.Status == ResponseStatus.Ok && ChangesState(request))
            {
                _journal?.Append(request);
            }

            return response;
        }
        catch (CommandException e)
        {
            Log.Warn($"command {name} failed: {e.Message}");
            return Responses.Failure(e.Message);
        }
    }

    private async ValueTask<Response> ApplyAsync(Request request, CancellationToken cancellationToken) => request.RequestTypeCase switch
    {
        Request.RequestTypeOneofCase.AddCluster => Ok(state.AddCluster(request.AddCluster)),
        Request.RequestTypeOneofCase.RemoveCluster => Ok(state.RemoveCluster(request.RemoveCluster)),
        Request.RequestTypeOneofCase.AddBackend => Ok(state.AddBackend(request.AddBackend)),
        Request.RequestTypeOneofCase.RemoveBackend => Ok(state.RemoveBackend(request.RemoveBackend)),
        Request.RequestTypeOneofCase.SetHealthCheck => Ok(state.SetHealthCheck(request.SetHealthCheck)),
        Request.RequestTypeOneofCase.RemoveHealthCheck => Ok(state.RemoveHealthCheck(request.RemoveHealthCheck)),
        Request.RequestTypeOneofCase.QueryHealthChecks => Ok(string.Empty, new ResponseContent { HealthChecksList = state.QueryHealthChecks(request.QueryHealthChecks) }),
        Request.RequestTypeOneofCase.AddHttpFrontend => Ok(state.AddHttpFrontend(request.AddHttpFrontend)),
        Request.RequestTypeOneofCase.RemoveHttpFrontend => Ok(state.RemoveHttpFrontend(request.RemoveHttpFrontend)),
        Request.RequestTypeOneofCase.AddTcpFrontend => Ok(state.AddTcpFrontend(request.AddTcpFrontend)),
        Request.RequestTypeOneofCase.RemoveTcpFrontend => Ok(state.RemoveTcpFrontend(request.RemoveTcpFrontend)),
        Request.RequestTypeOneofCase.AddHttpListener => Ok(state.AddHttpListener(request.AddHttpListener)),
        Request.RequestTypeOneofCase.AddTcpListener => Ok(state.AddTcpListener(request.AddTcpListener)),
        Request.RequestTypeOneofCase.AddHttpsListener => Ok(state.AddHttpsListener(request.AddHttpsListener)),
        Request.RequestTypeOneofCase.AddHttpsFrontend => Ok(state.AddHttpsFrontend(request.AddHttpsFrontend)),
        Request.RequestTypeOneofCase.RemoveHttpsFrontend => Ok(state.RemoveHttpsFrontend(request.RemoveHttpsFrontend)),
        Request.RequestTypeOneofCase.AddCertificate => Ok(state.AddCertificate(request.AddCertificate)),
        Request.RequestTypeOneofCase.ReplaceCertificate => Ok(state.ReplaceCertificate(request.ReplaceCertificate)),
        Request.RequestTypeOneofCase.RemoveCertificate => Ok(state.RemoveCertificate(request.RemoveCertificate)),
        Request.RequestTypeOneofCase.QueryCertificatesFromTheState => Ok(string.Empty, state.QueryCertificates(request.QueryCertificatesFromTheState)),
        Request.RequestTypeOneofCase.RemoveListener => Ok(state.RemoveListener(request.RemoveListener)),
        Request.RequestTypeOneofCase.ActivateListener => Ok(state.ActivateListener(request.ActivateListener)),
        Request.RequestTypeOneofCase.DeactivateListener => Ok(state.DeactivateListener(request.DeactivateListener)),
        Request.RequestTypeOneofCase.UpdateHttpListener => Ok(state.UpdateHttpListener(request.UpdateHttpListener)),
        Request.RequestTypeOneofCase.UpdateHttpsListener => Ok(state.UpdateHttpsListener(request.UpdateHttpsListener)),
        Request.RequestTypeOneofCase.UpdateTcpListener => Ok(state.UpdateTcpListener(request.UpdateTcpListener)),
        Request.RequestTypeOneofCase.ListListeners => Ok(string.Empty, new ResponseContent { ListenersList = state.ListListeners() }),
        Request.RequestTypeOneofCase.ListFrontends => Ok(string.Empty, new ResponseContent { FrontendList = state.ListFrontends(request.ListFrontends) }),
        Request.RequestTypeOneofCase.QueryClusterById => Ok(string.Empty, new ResponseContent { Clusters = state.QueryClusterById(request.QueryClusterById) }),
        Request.RequestTypeOneofCase.QueryClustersByDomain => Ok(string.Empty, new ResponseContent { Clusters = state.QueryClustersByDomain(request.QueryClustersByDomain) }),
        Request.RequestTypeOneofCase.QueryClustersHashes => Ok(string.Empty, new ResponseContent { ClusterHashes = state.QueryClustersHashes() }),
        Request.RequestTypeOneofCase.CountRequests => Ok(string.Empty, new ResponseContent { RequestCounts = CountRequests() }),
        Request.RequestTypeOneofCase.Status => Ok(Status(), new ResponseContent { Workers = Workers() }),
        Request.RequestTypeOneofCase.ListWorkers => Ok(string.Empty, new ResponseContent { Workers = Workers() }),
        Request.RequestTypeOneofCase.QueryCertificatesFromWorkers => Ok(string.Empty, ServedCertificates.Query(state.Snapshot, request.QueryCertificatesFromWorkers)),
        Request.RequestTypeOneofCase.SaveState => Ok(SaveState(request.SaveState)),
        Request.RequestTypeOneofCase.LoadState => Ok(await LoadStateAsync(request.LoadState, cancellationToken).ConfigureAwait(false)),
        Request.RequestTypeOneofCase.Logging => Ok(SetLogLevel(request.Logging)),
        Request.RequestTypeOneofCase.QueryMetrics => Ok(string.Empty, MetricsQuery.Answer(request.QueryMetrics, _metrics, state.Snapshot, clientConnections?.Invoke() ?? 0)),
        Request.RequestTypeOneofCase.ConfigureMetrics => Ok(ConfigureMetrics(request.ConfigureMetrics)),
        Request.RequestTypeOneofCase.SetMaxConnectionsPerIp => Ok(state.SetMaxConnectionsPerIp(request.SetMaxConnectionsPerIp)),
        Request.RequestTypeOneofCase.QueryMaxConnectionsPerIp => Ok(string.Empty, new ResponseContent { MaxConnectionsPerIpLimit = state.QueryMaxConnectionsPerIp() }),
        Request.RequestTypeOneofCase.ReloadConfiguration => Ok(await ReloadAsync(request.ReloadConfiguration, cancellationToken).ConfigureAwait(false)),
        Request.RequestTypeOneofCase.UpgradeMain => Ok(await UpgradeAsync(request.UpgradeMain.HasBinary ? request.UpgradeMain.Binary : null, cancellationToken).ConfigureAwait(false)),
        Request.RequestTypeOneofCase.UpgradeWorker => request.UpgradeWorker == 0
            ? Ok(await UpgradeAsync(null, cancellationToken).ConfigureAwait(false))
            : Responses.Failure($"no worker {request.UpgradeWorker}: Torii runs one process, worker 0"),
        Request.RequestTypeOneofCase.ReturnListenSockets => Responses.Failure(
            "return_listen_sockets: Torii runs one process with no separate workers; upgrade_main hands its listening sockets to the new process"),
        Request.RequestTypeOneofCase.SubscribeEvents => Responses.Failure("subscribe_events turns a command connection into an event stream: it is answered only there"),
        Request.RequestTypeOneofCase.SoftStop => Stop(soft: true),
        Request.RequestTypeOneofCase.HardStop => Stop(soft: false),
        _ => Responses.Unsupported(request),
    };

    private static Response Ok(string message, ResponseContent? content = null) => Responses.Ok(message, content);

    /// <summary>
    /// A change of one cluster, backend or frontend: it may run on the thread that releases the gate
    /// (<see cref="CommandGate"/>), whose own answer waits for it, so nothing that can take long (a state
    /// load, a reload, a certificate, a query of the whole state) is one.
    /// </summary>
    private static bool IsShort(Request request) => request.RequestTypeCase is
        Request.RequestTypeOneofCase.AddCluster or Request.RequestTypeOneofCase.RemoveCluster
        or Request.RequestTypeOneofCase.AddBackend or Request.RequestTypeOneofCase.RemoveBackend
        or Request.RequestTypeOneofCase.AddHttpFrontend or Request.RequestTypeOneofCase.RemoveHttpFrontend
        or Request.RequestTypeOneofCase.AddHttpsFrontend or Request.RequestTypeOneofCase.RemoveHttpsFrontend
        or Request.RequestTypeOneofCase.AddTcpFrontend or Request.RequestTypeOneofCase.RemoveTcpFrontend;

    private static bool IsChange(Request request) => request.RequestTypeCase is not (
        Request.RequestTypeOneofCase.ListListeners or Request.RequestTypeOneofCase.ListFrontends
        or Request.RequestTypeOneofCase.QueryClusterById or Request.RequestTypeOneofCase.QueryClustersByDomain
        or Request.RequestTypeOneofCase.QueryClustersHashes or Request.RequestTypeOneofCase.CountRequests
        or Request.RequestTypeOneofCase.Status or Request.RequestTypeOneofCase.QueryCertificatesFromTheState
        or Request.RequestTypeOneofCase.ListWorkers or Request.RequestTypeOneofCase.QueryCertificatesFromWorkers
        or Request.RequestTypeOneofCase.QueryMetrics or Request.RequestTypeOneofCase.QueryHealthChecks
        or Request.RequestTypeOneofCase.QueryMaxConnectionsPerIp);

    /// <summary>The requests that <see cref="ConfigState.GenerateRequests"/> would write: the ones a saved state must replay.</summary>
    private static bool ChangesState(Request request) => request.RequestTypeCase is
        Request.RequestTypeOneofCase.AddCluster or Request.RequestTypeOneofCase.RemoveCluster
        or Request.RequestTypeOneofCase.AddBackend or Request.RequestTypeOneofCase.RemoveBackend
        or Request.RequestTypeOneofCase.SetHealthCheck or Request.RequestTypeOneofCase.RemoveHealthCheck
        or Request.RequestTypeOneofCase.AddHttpFrontend or Request.RequestTypeOneofCase.RemoveHttpFrontend
        or Request.RequestTypeOneofCase.AddHttpsFrontend or Request.RequestTypeOneofCase.RemoveHttpsFrontend
        or Request.RequestTypeOneofCase.AddTcpFrontend or Request.RequestTypeOneofCase.RemoveTcpFrontend
        or Request.RequestTypeOneofCase.AddHttpListener or Request.RequestTypeOneofCase.AddHttpsListener
        or Request.RequestTypeOneofCase.AddTcpListener or Request.RequestTypeOneofCase.RemoveListener
        or Request.RequestTypeOneofCase.ActivateListener or Request.RequestTypeOneofCase.DeactivateListener
        or Request.RequestTypeOneofCase.UpdateHttpListener or Request.RequestTypeOneofCase.UpdateHttpsListener
        or Request.RequestTypeOneofCase.UpdateTcpListener
        or Request.RequestTypeOneofCase.AddCertificate or Request.RequestTypeOneofCase.ReplaceCertificate
        or Request.RequestTypeOneofCase.RemoveCertificate
        or Request.RequestTypeOneofCase.SetMaxConnectionsPerIp;

    private RequestCounts CountRequests()
    {
        var counts = new RequestCounts();
        foreach (var (name, count) in _requestCounts)
        {
            counts.Map[name] = count;
        }

        return counts;
    }

    /// <summary>Holds the gate throughout, so no change can slip in between the state handed over and the handover.</summary>
    private async Task<string> UpgradeAsync(string? executable, CancellationToken cancellationToken)
    {
        var message = await lifecycle.UpgradeAsync(executable, [.. state.GenerateRequests()], cancellationToken).ConfigureAwait(false);
        _handedOver = true;
        return message;
    }

    private string Status() =>
        $"torii {ToriiVersion.Current} (pid {Environment.ProcessId}) running: {state.Listeners.Count} listeners, {state.ClusterCount} clusters, {state.BackendCount} backends, {state.FrontendCount} frontends";

    private static WorkerInfos Workers() =>
        new() { Vec = { new WorkerInfo { Id = 0, Pid = Environment.ProcessId, RunState = RunState.Running } } };

    private static Response Stop(bool soft) => soft
        ? Responses.Ok("stopping: no longer accepting, exiting once open connections have finished")
        : Responses.Ok("stopping now");

    /// <summary>A stop takes effect once its answer has been sent, so the client that asked always hears back.</summary>
    public void AfterResponseSent(Request request, Response response)
    {
        if (response.Status != ResponseStatus.Ok)
        {
            return;
        }

        if (request.RequestTypeCase == Request.RequestTypeOneofCase.SoftStop)
        {
            lifecycle.StopSoftly();
        }
        else if (request.RequestTypeCase == Request.RequestTypeOneofCase.HardStop)
        {
            lifecycle.StopNow();
        }
        else if (request.RequestTypeCase is Request.RequestTypeOneofCase.UpgradeMain or Request.RequestTypeOneofCase.UpgradeWorker)
        {
            lifecycle.FinishUpgrade();
        }
    }

    private string ConfigureMetrics(MetricsConfiguration configuration)
    {
        switch (configuration)
        {
            case MetricsConfiguration.Enabled:
                _metrics.Enabled = true;
                return "metrics enabled";
            case MetricsConfiguration.Disabled:
                _metrics.Enabled = false;
                return "metrics disabled";
            default:
                _metrics.Clear();
                foreach (var cluster in state.Snapshot.Clusters.Values)
                {
                    cluster.Metrics.Clear();
                    cluster.Queue.ClearMetrics();
                    foreach (var backend in cluster.Backends.All)
                    {
                        backend.RecordedMetrics?.Clear();
                        backend.Health.ClearMetrics();
                    }
                }

                return "metrics cleared";
        }
    }

    private static string SetLogLevel(string level)
    {
        if (!Log.TryParseLevel(level, out var parsed))
        {
            throw new CommandException($"unknown log level \"{level}\" (expected trace, debug, info, warn or error)");
        }

        Log.Level = parsed;
        return $"log level set to {parsed}";
    }

    private string SaveState(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + ".tmp";
        int count;
        try
        {
            // Written as generated, with no list of every request in between, through a large buffer.
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, SaveBufferBytes))
            {
                count = WriteState(output);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"cannot write state file {fullPath}: {e.Message}");
        }

        return $"saved {count} requests to {fullPath}";
    }

    private int WriteState(Stream output)
    {
        var count = 0;
        StateFile.Write(output, state.RequestsToWrite().Select(request =>
        {
            count++;
            return request;
        }));
        return count;
    }
}
