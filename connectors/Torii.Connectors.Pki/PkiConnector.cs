using Torii.Client;
using Torii.Connectors.Applying;
using Torii.Connectors.Logging;
using Torii.Connectors.Pki.Monitoring;
using Torii.Connectors.Pki.Reconciling;
using Torii.Connectors.Pki.Watching;

namespace Torii.Connectors.Pki;

/// <summary>
/// The connector's loop: a pass at start (which reconciles with what the proxy already serves), then
/// one after each settled burst of file events and one every rescan interval. Nothing in the directory
/// stops it: a bad pair is reported and retried; an unreachable proxy is retried with a growing pause,
/// and the first pass that reaches it again catches up on everything.
/// </summary>
internal sealed class PkiConnector(
    Reconciler reconciler,
    DirectoryWatcher watcher,
    ConnectorLog log,
    TimeSpan rescanInterval,
    TimeSpan debounce,
    RetryBackoff proxyBackoff,
    PkiMonitor monitor)
{
    private const string ProxyOutage = "proxy outage";

    private string? _lastFailure;
    private string? _lastWatchProblem;
    private bool _inSync;

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            string reason = "start";
            while (true)
            {
                WatchOrReport();
                TimeSpan? retryIn = await RunPassAsync(reason, stopping).ConfigureAwait(false);
                if (retryIn is TimeSpan pause)
                {
                    await Task.Delay(pause, stopping).ConfigureAwait(false);
                    reason = "retry";
                    continue;
                }

                Wake wake = await ChangeSettling.WaitAsync(watcher.Changes, rescanInterval, debounce, stopping).ConfigureAwait(false);
                reason = wake == Wake.Changed ? "file changes" : "rescan";
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping between requests leaves nothing half-done: every change is recorded before it is sent.
        }
    }

    /// <returns>Null after a pass that reached the proxy, else how long to wait before trying again.</returns>
    private async Task<TimeSpan?> RunPassAsync(string reason, CancellationToken stopping)
    {
        try
        {
            ReconcileOutcome outcome = await reconciler.RunAsync(stopping).ConfigureAwait(false);
            monitor.PassCompleted(outcome);
            if (_lastFailure is not null)
            {
                log.Info("passes succeed again");
                _lastFailure = null;
            }

            proxyBackoff.Reset();
            log.Debug($"pass ({reason}): {outcome.Pairs} pairs ({outcome.Unusable} unusable), {outcome.Added} added, {outcome.Replaced} replaced, " +
                $"{outcome.Removed} removed, {outcome.Refused} refused");
            if (!_inSync)
            {
                _inSync = true;
                log.Info($"in step with the proxy: {outcome.Pairs} pairs in the directory ({outcome.Unusable} unusable), " +
                    $"{outcome.Added} added, {outcome.Replaced} replaced, {outcome.Removed} removed");
            }

            return null;
        }
        catch (Exception exception) when (exception is ProxyUnavailableException or TimeoutException)
        {
            TimeSpan pause = proxyBackoff.Next();
            monitor.PassFailed($"cannot reach the proxy: {exception.Message}");
            ReportOnce(ProxyOutage, $"cannot reach the proxy: {exception.Message}; retrying with backoff, then catching up", LogLevel.Warn);
            log.Debug($"proxy still unreachable ({exception.Message}); next attempt in {pause.TotalSeconds:0.0} s");
            return pause;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A missing directory must not read as "every certificate was deleted": nothing is changed until it is back.
            string failure = $"{exception.Message}; nothing changed, retrying on the next change or rescan";
            monitor.PassFailed(exception.Message);
            ReportOnce(failure, failure, LogLevel.Warn);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            string failure = $"pass failed: {exception.GetType().Name}: {exception.Message}; retrying with backoff";
            monitor.PassFailed(failure);
            ReportOnce(failure, failure, LogLevel.Error);
            return proxyBackoff.Next();
        }
    }

    private void WatchOrReport()
    {
        string? problem = watcher.EnsureWatching();
        if (problem is not null && problem != _lastWatchProblem)
        {
            log.Warn(problem);
        }

        _lastWatchProblem = problem;
    }

    /// <param name="kind">What failed: the same kind again is not logged again, whatever its details.</param>
    private void ReportOnce(string kind, string failure, LogLevel level)
    {
        if (kind == _lastFailure)
        {
            return;
        }

        _lastFailure = kind;
        if (level == LogLevel.Error)
        {
            log.Error(failure);
        }
        else
        {
            log.Warn(failure);
        }
    }
}
