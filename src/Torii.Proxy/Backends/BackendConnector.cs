using System.Diagnostics;
using System.Net.Sockets;
using Torii.Proxy.Logging;
using Torii.Proxy.Metrics;
using Torii.Proxy.Runtime;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Backends;

/// <summary>
/// Opens a connection to a backend of a cluster: the balancer picks, a failed
/// connect marks that backend down and the next pick tries another one.
/// </summary>
public static class BackendConnector
{
    /// <summary>Backends tried for one request or connection before giving up.</summary>
    public const int MaxAttempts = 3;

    public static async ValueTask<(Backend Backend, LoopSocket Socket)?> ConnectAsync(
        ClusterRuntime cluster, Backend? preferred, TimeSpan connectTimeout, ProxyMetrics metrics, CancellationToken cancellationToken, ulong key = 0)
    {
        var candidate = preferred;
        Backend? failed = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var backend = candidate ?? cluster.Balancer.Pick(cluster.Backends, Environment.TickCount64, exclude: failed, key: key);
            candidate = null;
            if (backend is null)
            {
                return null;
            }

            var socket = await TryConnectAsync(backend, cluster, connectTimeout, metrics, cancellationToken).ConfigureAwait(false);
            if (socket is not null)
            {
                backend.RecordSuccess();
                return (backend, socket);
            }

            failed = backend;
        }

        return null;
    }

    public static async ValueTask<LoopSocket?> TryConnectAsync(
        Backend backend, ClusterRuntime cluster, TimeSpan connectTimeout, ProxyMetrics metrics, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var socket = await LoopSocket.ConnectAsync(backend.Address, timeout.Token).ConfigureAwait(false);
            if (metrics.Enabled)
            {
                metrics.ConnectTime.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }

            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            // With a health check the backend is down until the check brings it back; without, it backs off.
            if (!cluster.Health.RecordPassiveFailure(backend, $"connect failed ({Describe(e)})"))
            {
                backend.RecordConnectFailure(Environment.TickCount64);
            }

            if (metrics.Enabled)
            {
                metrics.Traffic.RecordConnectError();
                cluster.Metrics.RecordConnectError();
                backend.Metrics.RecordConnectError();
            }

            Log.Warn($"backend {backend.ClusterId}/{backend.Id} at {backend.Address}: connect failed ({Describe(e)}), marked down");
            return null;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException socketError => socketError.SocketErrorCode.ToString(),
        _ => "timeout",
    };
}
