using System.Runtime.CompilerServices;
using Torii.Proxy.Backends;
using Torii.Proxy.Connections;
using Torii.Proxy.Queueing;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>
/// Requests to a cluster whose backends have a max_connections: each holds a slot of its backend from
/// the pick until its response is done, and waits in the cluster's queue while every backend is full.
/// </summary>
public sealed partial class HttpSession
{
    /// <summary>The backend whose slot the current request holds, and the queue to give it back to.</summary>
    private Backend? _slotBackend;
    private ClusterQueue? _slotQueue;
    private SlotWaitOutcome _slotOutcome;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<BackendConnection?> AcquireQueuedConnectionAsync(ClusterRuntime cluster, Backend? preferred, ulong key)
    {
        var timeout = cluster.QueueTimeout(_settings.ConnectTimeout);
        for (var attempt = 0; attempt < BackendConnector.MaxAttempts; attempt++)
        {
            if (!cluster.Queue.TryAcquireAtOnce(cluster, preferred, timeout, out var grant, key))
            {
                grant = await WaitForSlotAsync(cluster, preferred, timeout, key).ConfigureAwait(false);
            }

            if (grant.Backend is not { } backend)
            {
                _slotOutcome = grant.Outcome;
                return null;
            }

            _slotBackend = backend;
            _slotQueue = cluster.Queue;
            if ((backend.ConnectionPool as BackendConnectionPool)?.TryTake() is { } idle)
            {
                return idle;
            }

            var socket = await BackendConnector.TryConnectAsync(backend, cluster, _settings.ConnectTimeout, _context.Metrics, _deadline.Token).ConfigureAwait(false);
            if (socket is not null)
            {
                backend.RecordSuccess();
                return new BackendConnection(backend, socket);
            }

            // The failed backend is now marked down; the next grant comes from another one.
            ReleaseSlot();
            preferred = null;
        }

        _slotOutcome = SlotWaitOutcome.NoBackend;
        return null;
    }

    private async ValueTask<SlotGrant> WaitForSlotAsync(ClusterRuntime cluster, Backend? preferred, TimeSpan timeout, ulong key)
    {
        // The queue has its own timeout: the request's deadline must not end a long wait with a 408.
        _deadline.Disarm();
        try
        {
            using var watch = _clientSocket is null ? null : new ClientDepartureWatch(_clientSocket);
            return await cluster.Queue.WaitAsync(cluster, preferred, timeout, watch?.Gone ?? CancellationToken.None, key).ConfigureAwait(false);
        }
        finally
        {
            _deadline.Arm(_settings.RequestTimeout, TimeoutKind.Request);
        }
    }

    private void ReleaseSlot()
    {
        if (_slotBackend is { } backend)
        {
            _slotBackend = null;
            _slotQueue!.Release(backend);
        }
    }

    /// <summary>503, saying so when the request waited for a slot for the whole queue_timeout (unless the cluster has its own 503).</summary>
    private async ValueTask<bool> RefuseUnavailableAsync(ClusterRuntime cluster)
    {
        var outcome = _slotOutcome;
        _slotOutcome = SlotWaitOutcome.Granted;
        if (outcome == SlotWaitOutcome.Abandoned)
        {
            return false;
        }

        if (outcome != SlotWaitOutcome.TimedOut)
        {
            return await RefuseAsync(503, cluster).ConfigureAwait(false);
        }

        await WriteAnswerAsync(cluster.Answers.Find(503) ?? DefaultAnswers.QueueTimeout, _deadline.Token).ConfigureAwait(false);
        return false;
    }
}
