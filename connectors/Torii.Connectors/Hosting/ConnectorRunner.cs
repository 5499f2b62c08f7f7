using Torii.Connectors.Applying;
using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Hosting;

/// <summary>Runs a connector: the HTTP endpoint (health, counters, metrics), the proxy client, the broker source and the apply loop, until stopped.</summary>
public static class ConnectorRunner
{
    /// <param name="createSource">Builds the broker source; it reports the broker's state to the health it is given.</param>
    /// <returns>The process exit code: 0 after a stop, 1 when the connector could not run.</returns>
    public static async Task<int> RunAsync(
        CommonSettings settings,
        int window,
        ConnectorLog log,
        Func<ConnectorHealth, IConnectorSource> createSource,
        CancellationToken stopping)
    {
        var metrics = new ConnectorMetrics(log.Name);
        var health = new ConnectorHealth(metrics);
        var counters = new ConnectorCounters(metrics);
        HealthServer server;
        try
        {
            server = await HealthServer.StartAsync(settings.HealthzAddress, new BusConnectorStatus(health, counters), metrics, stopping).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            log.Error($"cannot listen for /healthz on {settings.HealthzAddress}: {exception.Message}");
            return ExitCodes.Failed;
        }

        await using (server.ConfigureAwait(false))
        {
            log.Info($"health on http://{server.Address}/healthz, metrics on /metrics, proxy command socket {settings.ProxySocket}");
            var sender = new ToriiRequestSender(settings.ProxySocket, settings.ProxyTimeout, health, log);
            await using (sender.ConfigureAwait(false))
            {
                IConnectorSource source = createSource(health);
                await using (source.ConfigureAwait(false))
                {
                    return await RunLoopAsync(settings, window, log, counters, sender, source, stopping).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<int> RunLoopAsync(
        CommonSettings settings,
        int window,
        ConnectorLog log,
        ConnectorCounters counters,
        ToriiRequestSender sender,
        IConnectorSource source,
        CancellationToken stopping)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var loop = new ApplyLoop(source, sender, new ApplyLoopOptions { Window = window, DeadLetterFailed = settings.DeadLetterFailed }, counters, log);
        Task looping = loop.RunAsync(running.Token);
        try
        {
            await source.StartAsync(running.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            log.Error($"cannot subscribe: {exception.Message}");
            await running.CancelAsync().ConfigureAwait(false);
            await looping.ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        try
        {
            await looping.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Said before the source and the proxy client are disposed, which may take a while: a loop that
            // failed must not look like one that is waiting.
            log.Error($"the apply loop failed: {exception}");
            throw;
        }

        CounterSnapshot final = counters.Snapshot();
        log.Info($"stopped: received {final.Received}, applied {final.Applied}, failed {final.Failed}, dead-lettered {final.DeadLettered}, retried {final.Retried}; {loop.Unsettled} messages left to the broker");
        return ExitCodes.Success;
    }
}
