using Torii.Protocol;
using Torii.Proxy.Events;
using Torii.Proxy.Http;
using Torii.Proxy.Logging;

namespace Torii.Proxy.Backends;

/// <summary>
/// The health of one cluster's backends: its check's settings, the state machine every check
/// result and passive failure goes through, and whether the cluster fails open. Kept across
/// updates of the cluster like its metrics. Changes take one lock (they happen once per check,
/// not per request); the data path reads volatile flags only.
/// </summary>
public sealed class ClusterHealth
{
    // A backend is a member while its health points here (Attach, Detach): no set of members per cluster, whose
    // three objects showed in RSS at 100,000 clusters (bench/run.sh scenario s). For the same reason the object is its
    // own lock (a lock object was 40 bytes a cluster); nothing outside this class locks it.
    private int _members;
    private volatile HealthCheckConfig? _config;
    private volatile bool _failingOpen;
    private bool _allDown;
    private string _clusterId = string.Empty;
    private int _down;

    /// <summary>The check's settings; null when the cluster has no health check.</summary>
    public HealthCheckConfig? Config => _config;

    public bool IsChecked => _config is not null;

    /// <summary>Where backends going down and up, and the cluster losing or regaining every backend, are published.</summary>
    public EventBus? Events { get; set; }

    /// <summary>Every backend is down and the check says to route over all of them anyway.</summary>
    public bool IsFailingOpen => _failingOpen;

    /// <summary>Sets or replaces the check. Backends keep their state; a cluster checked for the first time starts all up.</summary>
    public void Configure(string clusterId, HealthCheckConfig config)
    {
        lock (this)
        {
            _clusterId = clusterId;
            _config = config;
            UpdateFailOpen();
        }
    }

    /// <summary>Removes the check: every backend is up again, at once.</summary>
    /// <param name="backends">The cluster's backends: those attached here are brought up.</param>
    public void Disable(ReadOnlySpan<Backend> backends)
    {
        lock (this)
        {
            var now = NowUnixMs();
            foreach (var backend in backends)
            {
                if (IsMember(backend) && backend.Health.IsDown)
                {
                    backend.Health.SetUp(now, countTransition: false);
                    Log.Info($"health {backend}: UP (health check removed)");
                    Publish(EventKind.BackendUp, backend, "health check removed");
                }
            }

            _config = null;
            _down = 0;
            UpdateFailOpen();
        }
    }

    public void Attach(Backend backend)
    {
        lock (this)
        {
            if (!IsMember(backend))
            {
                backend.Health.Cluster = this;
                _members++;
                _down += backend.Health.IsDown ? 1 : 0;
                UpdateFailOpen();
            }
        }
    }

    public void Detach(Backend backend)
    {
        lock (this)
        {
            if (IsMember(backend))
            {
                backend.Health.Cluster = null;
                _members--;
                _down -= backend.Health.IsDown ? 1 : 0;
                UpdateFailOpen();
            }
        }
    }

    /// <summary>Applies one active check's result: fall after unhealthy_threshold failures in a row, rise after healthy_threshold successes.</summary>
    public HealthTransition RecordCheck(Backend backend, bool healthy, string? failure)
    {
        lock (this)
        {
            var config = _config;
            if (config is null || !IsMember(backend))
            {
                return HealthTransition.None;
            }

            var health = backend.Health;
            health.CountCheck(healthy);
            if (healthy)
            {
                health.Fall = 0;
                if (health.IsDown && ++health.Rise >= config.HealthyThreshold)
                {
                    health.SetUp(NowUnixMs(), countTransition: true);
                    _down--;
                    Log.Info($"health {backend}: UP after {config.HealthyThreshold} successful checks");
                    Publish(EventKind.BackendUp, backend, $"after {config.HealthyThreshold} successful checks");
                    UpdateFailOpen();
                    return HealthTransition.WentUp;
                }

                return HealthTransition.None;
            }

            var reason = failure ?? "check failed";
            health.Rise = 0;
            health.NoteFailure(reason);
            if (!health.IsDown && ++health.Fall >= config.UnhealthyThreshold)
            {
                MarkDown(backend, reason, $"after {config.UnhealthyThreshold} failed checks");
                return HealthTransition.WentDown;
            }

            return HealthTransition.None;
        }
    }

    /// <summary>
    /// A connect that failed on the data path: with a health check, the backend is down at once and only
    /// the active check brings it back. Returns false when the cluster has no check (the caller backs off instead).
    /// </summary>
    public bool RecordPassiveFailure(Backend backend, string reason)
    {
        lock (this)
        {
            if (_config is null || !IsMember(backend))
            {
                return false;
            }

            if (backend.Health.IsDown)
            {
                backend.Health.NoteFailure(reason);
            }
            else
            {
                MarkDown(backend, reason, "on a failed connect");
            }

            return true;
        }
    }

    private void MarkDown(Backend backend, string reason, string how)
    {
        backend.Health.SetDown(reason, NowUnixMs());
        _down++;
        (backend.ConnectionPool as BackendConnectionPool)?.Clear();
        Log.Warn($"health {backend}: DOWN {how}: {reason}");
        Publish(EventKind.BackendDown, backend, $"{how}: {reason}");
        UpdateFailOpen();
    }

    private void UpdateFailOpen()
    {
        var allDown = _config is not null && _members > 0 && _down == _members;
        var failingOpen = allDown && _config!.FailOpen;
        if (allDown != _allDown)
        {
            _allDown = allDown;
            Log.Warn(allDown
                ? $"health cluster {_clusterId}: every backend is down; {(failingOpen ? "failing open, routing over all of them" : "refusing new requests and connections (fail_open = false)")}"
                : $"health cluster {_clusterId}: no longer every backend down");
            Events?.Publish(ChangeEvents.Cluster(allDown ? EventKind.NoAvailableBackends : EventKind.ClusterRecovered, _clusterId));
        }

        _failingOpen = failingOpen;
    }

    private bool IsMember(Backend backend) => ReferenceEquals(backend.Health.Cluster, this);

    private void Publish(EventKind kind, Backend backend, string detail) =>
        Events?.Publish(ChangeEvents.Backend(kind, backend.ClusterId, backend.Id, SocketAddresses.ToProto(backend.Address), detail));

    private static long NowUnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
