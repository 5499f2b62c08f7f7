using System.Collections.Immutable;
using System.Diagnostics;
using Torii.Proxy.Backends;
using Torii.Proxy.Logging;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Health;

/// <summary>
/// Runs every cluster's active checks for one proxy. One loop, on a thread of its own, owns the
/// schedule: it follows the routing snapshot (clusters, checks and backends coming and going, the
/// other schedules untouched), sleeps until the earliest due check or timeout or the next published
/// snapshot (with no check to run it does not wake at all), starts the due checks
/// (each on a short connection of its own: HTTP and TCP checks are then stepped by the
/// <see cref="Polling.CheckPoller"/>, PostgreSQL checks by their socket completions) and cancels the
/// ones past their timeout. No timer and no thread-pool item per check: a thousand backends checked
/// every second cost the loop a hundred wake-ups a second (bench/run.sh scenario h). Results feed
/// the cluster's <see cref="ClusterHealth"/>; nothing is published.
/// </summary>
public sealed class HealthChecker : IAsyncDisposable
{
    /// <summary>
    /// The loop wakes at most every 10 ms and starts what is due by then together: checks spread over a
    /// second start up to 10 ms late, and a thousand backends cost a hundred wake-ups a second, not a thousand.
    /// </summary>
    private const long MinWaitMs = 10;

    private readonly SnapshotHolder _snapshots;
    private readonly HealthSchedule _schedule = new();
    private readonly Dictionary<string, TrackedCluster> _tracked = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(ScheduledCheck Check, long Run), long> _deadlines = new();

    // No spinning before it sleeps: the loop waits milliseconds, never microseconds.
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private ImmutableDictionary<string, ClusterRuntime>? _seen;
    private long _generation;
    private bool _started;

    public HealthChecker(SnapshotHolder snapshots) => _snapshots = snapshots;

    public void Start()
    {
        _started = true;
        _snapshots.Published += OnPublished;
        new Thread(Run) { IsBackground = true, Name = "torii health checks" }.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _snapshots.Published -= OnPublished;
        _wake.Set();
        if (_started)
        {
            await _exited.Task.ConfigureAwait(false);
        }

        // The loop has stopped starting checks; the ones still running end now instead of at their timeout.
        foreach (var tracked in _tracked.Values)
        {
            tracked.CancelAll();
        }
    }

    /// <summary>
    /// Wakes the loop only when the checked clusters changed: the thousand backend changes a second of
    /// unchecked clusters cost no thread switch. A stale read of <see cref="_seen"/> only wakes it for nothing.
    /// </summary>
    private void OnPublished()
    {
        if (!ReferenceEquals(_snapshots.Current.CheckedClusters, Volatile.Read(ref _seen)))
        {
            _wake.Set();
        }
    }

    private void Run()
    {
        var due = new List<ScheduledCheck>();
        while (!_stopping)
        {
            // Reset before reading the snapshot: a publication after this point sets it again.
            _wake.Reset();
            var now = Environment.TickCount64;
            try
            {
                Follow(_snapshots.Current, now);
                CancelOverdue(now);
                _schedule.TakeDue(now, due);
                foreach (var check in due)
                {
                    Launch(check, now);
                }
            }
            catch (Exception e)
            {
                Log.Error($"health checker: {e}");
            }

            due.Clear();
            var next = Math.Min(_schedule.NextDueMs() ?? long.MaxValue, _deadlines.TryPeek(out _, out var deadline) ? deadline : long.MaxValue);

            // With nothing scheduled the loop sleeps until a snapshot is published or it is stopped.
            _wake.Wait(next == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(next - now, MinWaitMs, int.MaxValue));
        }

        _exited.TrySetResult();
    }

    /// <summary>Ends the checks whose timeout passed; a check that finished, or was started again since, is left alone.</summary>
    private void CancelOverdue(long now)
    {
        while (_deadlines.TryPeek(out var entry, out var deadline) && deadline <= now)
        {
            _deadlines.Dequeue();
            entry.Check.CancelRun(entry.Run);
        }
    }

    private void Follow(RoutingSnapshot snapshot, long now)
    {
        // Only the checked clusters are followed: publications that touch none of them find the same dictionary.
        var checkedClusters = snapshot.CheckedClusters;
        if (ReferenceEquals(checkedClusters, _seen))
        {
            return;
        }

        Volatile.Write(ref _seen, checkedClusters);
        var generation = ++_generation;
        foreach (var (clusterId, runtime) in checkedClusters)
        {
            if (!_tracked.TryGetValue(clusterId, out var tracked) || !ReferenceEquals(tracked.Health, runtime.Health))
            {
                tracked?.CancelAll();
                tracked = new TrackedCluster(runtime);
                _tracked[clusterId] = tracked;
                ScheduleAll(tracked, now);
            }
            else if (!ReferenceEquals(tracked.Runtime, runtime))
            {
                var previous = tracked.Runtime;
                tracked.Update(runtime);
                if (previous.Config.HealthCheck!.Interval != runtime.Config.HealthCheck!.Interval)
                {
                    tracked.CancelAll();
                    ScheduleAll(tracked, now);
                }
                else if (!ReferenceEquals(previous.Backends, runtime.Backends))
                {
                    FollowBackends(tracked, now);
                }
            }

            tracked.Generation = generation;
        }

        foreach (var (clusterId, tracked) in _tracked.Where(pair => pair.Value.Generation != generation).ToList())
        {
            tracked.CancelAll();
            _tracked.Remove(clusterId);
        }
    }

    private void ScheduleAll(TrackedCluster tracked, long now)
    {
        var backends = tracked.Runtime.Backends.All;
        for (var i = 0; i < backends.Length; i++)
        {
            Track(tracked, backends[i], now + HealthSchedule.SpreadOffset(i, backends.Length, tracked.IntervalMs));
        }
    }

    /// <summary>Backends that joined get a random place in the interval; those that left are dropped; the rest keep theirs.</summary>
    private void FollowBackends(TrackedCluster tracked, long now)
    {
        var current = new HashSet<Backend>(ReferenceEqualityComparer.Instance);
        foreach (var backend in tracked.Runtime.Backends.All)
        {
            current.Add(backend);
            if (!tracked.Checks.ContainsKey(backend))
            {
                Track(tracked, backend, now + Random.Shared.NextInt64(tracked.IntervalMs));
            }
        }

        foreach (var (backend, check) in tracked.Checks.Where(pair => !current.Contains(pair.Key)).ToList())
        {
            check.Cancel();
            tracked.Checks.Remove(backend);
        }
    }

    private void Track(TrackedCluster tracked, Backend backend, long firstDueMs)
    {
        var check = new ScheduledCheck(backend, tracked);
        tracked.Checks.Add(backend, check);
        _schedule.Add(check, firstDueMs);
    }

    private void Launch(ScheduledCheck check, long now)
    {
        var interval = check.Owner.IntervalMs;
        var next = check.DueMs + interval;
        _schedule.Add(check, next > now ? next : now + interval);
        if (check.TryBegin())
        {
            // Started from the loop's own thread: a check runs here only until its connect is under
            // way, and handing each one to another thread cost more than the check (bench (h)).
            var timeout = check.Arm();
            _deadlines.Enqueue((check, check.Run), now + (check.Owner.Config.Timeout * 1000L));
            _ = RunCheckAsync(check, timeout);
        }
    }

    private async Task RunCheckAsync(ScheduledCheck check, CancellationTokenSource timeout)
    {
        try
        {
            var config = check.Owner.Config;
            var backend = check.Backend;
            var started = Stopwatch.GetTimestamp();
            HealthProbeResult result;
            try
            {
                result = await check.Owner.Probe.CheckAsync(backend.Address, backend.IsBackup, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                result = HealthProbeResult.Fail(Polling.CheckPoller.TimedOut);
            }

            if (_stopping || check.IsCancelled)
            {
                return;
            }

            if (!result.Healthy && timeout.IsCancellationRequested)
            {
                result = HealthProbeResult.Fail($"timeout: no answer within {config.Timeout} s");
            }

            backend.Health.CheckTime.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            check.Owner.Health.RecordCheck(backend, result.Healthy, result.Failure);
            if (Log.IsEnabled(LogLevel.Debug))
            {
                Log.Debug($"health {backend}: check {(result.Healthy ? "passed" : "failed: " + result.Failure)}");
            }
        }
        catch (Exception e)
        {
            // A probe is not meant to throw; the type is logged, not the message, which might carry a credential.
            Log.Error($"health {check.Backend}: the check threw {e.GetType().Name}");
        }
        finally
        {
            check.End();
        }
    }
}
