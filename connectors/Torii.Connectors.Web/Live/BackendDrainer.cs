using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Torii.Client;
using Torii.Connectors.Web.Proxy;
using Torii.Protocol;

namespace Torii.Connectors.Web.Live;

/// <summary>
/// Drains a backend: the protocol has no request that changes a weight in place (add_backend refuses an id that
/// exists), so the backend is removed and added again with weight 0, which the proxy never picks; the entry it
/// removed finishes its own connections. Once the proxy reports no open connection on the weight-0 entry, the
/// sampler's next look removes it.
/// </summary>
internal sealed partial class BackendDrainer(ToriiClient client, ILogger<BackendDrainer> logger)
{
    private readonly ConcurrentDictionary<(string Cluster, string Backend), SocketAddress> _draining = new();

    public bool IsDraining(string clusterId, string backendId) => _draining.ContainsKey((clusterId, backendId));

    /// <exception cref="CommandFailedException">The proxy refused a step; the backend is then as that step left it.</exception>
    public async Task StartAsync(string clusterId, string backendId, CancellationToken cancellationToken)
    {
        ClusterInformations found = await client.QueryClusterByIdAsync(clusterId, cancellationToken).ConfigureAwait(false);
        AddBackend backend = found.Vec.SelectMany(cluster => cluster.Backends).FirstOrDefault(candidate => candidate.BackendId == backendId)
            ?? throw new CommandFailedException("drain", new Response { Status = ResponseStatus.Failure, Message = $"no backend \"{backendId}\" in cluster \"{clusterId}\"" });
        AddBackend zeroWeight = backend.Clone();
        zeroWeight.LoadBalancingParameters = new LoadBalancingParams { Weight = 0 };
        await client.RemoveBackendAsync(new RemoveBackend { ClusterId = clusterId, BackendId = backendId, Address = backend.Address }, cancellationToken).ConfigureAwait(false);
        await client.AddBackendAsync(zeroWeight, cancellationToken).ConfigureAwait(false);
        _draining[(clusterId, backendId)] = backend.Address;
        LogDraining(logger, clusterId, backendId);
    }

    /// <summary>Removes each draining backend that the last metrics reading shows without connections.</summary>
    public async Task CheckAsync(IReadOnlyDictionary<(string Cluster, string Backend), TrafficRate> backends, CancellationToken cancellationToken)
    {
        foreach (var (key, address) in _draining)
        {
            if (!backends.TryGetValue(key, out TrafficRate? rate))
            {
                _draining.TryRemove(key, out _);
                continue;
            }

            if (rate.Connections > 0)
            {
                continue;
            }

            try
            {
                await client.RemoveBackendAsync(new RemoveBackend { ClusterId = key.Cluster, BackendId = key.Backend, Address = address }, cancellationToken).ConfigureAwait(false);
                _draining.TryRemove(key, out _);
                LogDrained(logger, key.Cluster, key.Backend);
            }
            catch (Exception exception) when (ProxyFailures.IsProxyFailure(exception))
            {
                LogRemoveFailed(logger, key.Cluster, key.Backend, exception.Message);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "draining backend {Backend} of cluster {Cluster} (weight 0)")]
    private static partial void LogDraining(ILogger logger, string cluster, string backend);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "backend {Backend} of cluster {Cluster} drained and removed")]
    private static partial void LogDrained(ILogger logger, string cluster, string backend);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "cannot remove drained backend {Backend} of cluster {Cluster}, retrying: {Reason}")]
    private static partial void LogRemoveFailed(ILogger logger, string cluster, string backend, string reason);
}
