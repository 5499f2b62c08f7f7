using Torii.Client;
using Torii.Connectors.Web.Live;
using Torii.Protocol;

namespace Torii.Connectors.Web.Proxy;

/// <summary>
/// Reads everything the pages show from the proxy's queries. Pages read it afresh on every load and every live
/// refresh, so what a browser shows after a reconnect is the proxy's state, not a replay of events.
/// </summary>
internal sealed class StateReader(ToriiClient client, LiveRates rates, BackendDrainer drainer)
{
    public async Task<ConsoleState> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Task<ListenersList> listeners = client.ListListenersAsync(cancellationToken);
            Task<IReadOnlyList<ClusterView>> clusters = ReadClustersAsync(cancellationToken);
            Task<IReadOnlyList<CertificateView>> certificates = ReadCertificatesAsync(cancellationToken);
            return new ConsoleState(ListenerViews(await listeners.ConfigureAwait(false)), await clusters.ConfigureAwait(false), await certificates.ConfigureAwait(false), null);
        }
        catch (Exception exception) when (ProxyFailures.IsProxyFailure(exception))
        {
            return ConsoleState.Unavailable(exception.Message);
        }
    }

    private static List<ListenerView> ListenerViews(ListenersList list) =>
    [
        .. list.HttpListeners.Values.Select(listener => new ListenerView("HTTP", SocketAddressText.Format(listener.Address), listener.Active)),
        .. list.HttpsListeners.Values.Select(listener => new ListenerView("HTTPS", SocketAddressText.Format(listener.Address), listener.Active)),
        .. list.TcpListeners.Values.Select(listener => new ListenerView("TCP", SocketAddressText.Format(listener.Address), listener.Active)),
    ];

    private async Task<IReadOnlyList<ClusterView>> ReadClustersAsync(CancellationToken cancellationToken)
    {
        ClusterHashes hashes = await client.QueryClustersHashesAsync(cancellationToken).ConfigureAwait(false);
        var reads = hashes.Map.Keys.Order(StringComparer.Ordinal).Select(id => client.QueryClusterByIdAsync(id, cancellationToken)).ToList();
        var views = new List<ClusterView>();
        foreach (Task<ClusterInformations> read in reads)
        {
            ClusterInformations informations;
            try
            {
                informations = await read.ConfigureAwait(false);
            }
            catch (CommandFailedException)
            {
                // Removed between the two queries: it is no longer there to show.
                continue;
            }

            views.AddRange(informations.Vec.Select(ClusterViewOf));
        }

        return views;
    }

    private ClusterView ClusterViewOf(ClusterInformation information)
    {
        string id = information.Configuration?.ClusterId ?? "";
        var health = information.BackendHealth.ToDictionary(status => status.BackendId, StringComparer.Ordinal);
        bool checkedCluster = information.Configuration?.HealthCheck is not null || health.Count > 0;
        var frontends = new List<FrontendView>();
        frontends.AddRange(information.HttpFrontends.Select(frontend => HttpFrontend("HTTP", frontend, new Request { RemoveHttpFrontend = frontend.Clone() })));
        frontends.AddRange(information.HttpsFrontends.Select(frontend => HttpFrontend("HTTPS", frontend, new Request { RemoveHttpsFrontend = frontend.Clone() })));
        frontends.AddRange(information.TcpFrontends.Select(frontend =>
            new FrontendView("TCP", SocketAddressText.Format(frontend.Address), "", new Request { RemoveTcpFrontend = frontend.Clone() })));
        var backends = information.Backends
            .OrderBy(backend => backend.BackendId, StringComparer.Ordinal)
            .Select(backend => BackendViewOf(id, backend, checkedCluster ? health.GetValueOrDefault(backend.BackendId) : null, checkedCluster))
            .ToList();
        TrafficRate rate = rates.Cluster(id);
        string balancing = information.Configuration?.LoadBalancing.ToString() ?? "";
        return new ClusterView(id, balancing, checkedCluster, frontends, backends, rate.Requests, rate.Errors);
    }

    private BackendView BackendViewOf(string clusterId, AddBackend backend, BackendHealthStatus? status, bool checkedCluster)
    {
        string health = !checkedCluster ? "unchecked"
            : status is null || !status.Checked ? "pending"
            : status.Up ? "UP" : "DOWN";
        if (drainer.IsDraining(clusterId, backend.BackendId))
        {
            health += " (draining)";
        }

        TrafficRate rate = rates.Backend(clusterId, backend.BackendId);
        int weight = backend.LoadBalancingParameters?.HasWeight == true ? backend.LoadBalancingParameters.Weight : 100;
        return new BackendView(backend.BackendId, SocketAddressText.Format(backend.Address), weight, backend.Backup, health, rate.Connections, rate.Requests, rate.Errors);
    }

    private static FrontendView HttpFrontend(string protocol, RequestHttpFrontend frontend, Request removal)
    {
        string path = frontend.Path is null || string.IsNullOrEmpty(frontend.Path.Value) ? "" : frontend.Path.Kind switch
        {
            PathRuleKind.Regex => $" ~{frontend.Path.Value}",
            PathRuleKind.Equals => $" ={frontend.Path.Value}",
            _ => $" {frontend.Path.Value}*",
        };
        string method = frontend.HasMethod ? $" [{frontend.Method}]" : "";
        return new FrontendView(protocol, SocketAddressText.Format(frontend.Address), $"{frontend.Hostname}{path}{method}", removal);
    }

    private async Task<IReadOnlyList<CertificateView>> ReadCertificatesAsync(CancellationToken cancellationToken)
    {
        ResponseContent content = await client.QueryCertificatesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var views = new List<CertificateView>();
        foreach (CertificatesByAddress byAddress in content.CertificatesByAddress?.Certificates ?? [])
        {
            string address = SocketAddressText.Format(byAddress.Address);
            foreach (var group in byAddress.CertificateSummaries.GroupBy(summary => summary.Fingerprint, StringComparer.Ordinal))
            {
                DateTimeOffset? expires = await ExpiryAsync(group.Key, cancellationToken).ConfigureAwait(false);
                views.Add(new CertificateView(address, group.Key, [.. group.Select(summary => summary.Domain).Distinct(StringComparer.Ordinal)], expires));
            }
        }

        return views;
    }

    private async Task<DateTimeOffset?> ExpiryAsync(string fingerprint, CancellationToken cancellationToken)
    {
        ResponseContent content = await client.QueryCertificatesAsync(new QueryCertificatesFilters { Fingerprint = fingerprint }, cancellationToken).ConfigureAwait(false);
        string? pem = content.CertificatesWithFingerprints?.Certs.GetValueOrDefault(fingerprint)?.Certificate;
        return pem is null ? null : CertificateExpiry.Of(pem);
    }
}
