using Torii.Protocol;

namespace Torii.Proxy.Events;

/// <summary>The events an applied request produces; empty for a query or a request that changed nothing.</summary>
public static class ChangeEvents
{
    /// <param name="message">The OK answer's message: it names what the request did (a certificate's fingerprint and names).</param>
    /// <param name="clusterChange">For add_cluster: CLUSTER_ADDED, CLUSTER_UPDATED, or null when nothing changed.</param>
    public static IEnumerable<Event> Of(Request request, string message, EventKind? clusterChange) => request.RequestTypeCase switch
    {
        Request.RequestTypeOneofCase.AddCluster when clusterChange is { } kind => [Cluster(kind, request.AddCluster.ClusterId)],
        Request.RequestTypeOneofCase.RemoveCluster => [Cluster(EventKind.ClusterRemoved, request.RemoveCluster)],
        Request.RequestTypeOneofCase.AddBackend => [Backend(EventKind.BackendAdded, request.AddBackend.ClusterId, request.AddBackend.BackendId, request.AddBackend.Address)],
        Request.RequestTypeOneofCase.RemoveBackend => [Backend(EventKind.BackendRemoved, request.RemoveBackend.ClusterId, request.RemoveBackend.BackendId, request.RemoveBackend.Address)],
        Request.RequestTypeOneofCase.AddHttpFrontend => [Frontend(EventKind.FrontendAdded, "http", request.AddHttpFrontend)],
        Request.RequestTypeOneofCase.RemoveHttpFrontend => [Frontend(EventKind.FrontendRemoved, "http", request.RemoveHttpFrontend)],
        Request.RequestTypeOneofCase.AddHttpsFrontend => [Frontend(EventKind.FrontendAdded, "https", request.AddHttpsFrontend)],
        Request.RequestTypeOneofCase.RemoveHttpsFrontend => [Frontend(EventKind.FrontendRemoved, "https", request.RemoveHttpsFrontend)],
        Request.RequestTypeOneofCase.AddTcpFrontend => [Frontend(EventKind.FrontendAdded, request.AddTcpFrontend)],
        Request.RequestTypeOneofCase.RemoveTcpFrontend => [Frontend(EventKind.FrontendRemoved, request.RemoveTcpFrontend)],
        Request.RequestTypeOneofCase.AddHttpListener => [Listener(EventKind.ListenerAdded, request.AddHttpListener.Address, "http")],
        Request.RequestTypeOneofCase.AddHttpsListener => [Listener(EventKind.ListenerAdded, request.AddHttpsListener.Address, "https")],
        Request.RequestTypeOneofCase.AddTcpListener => [Listener(EventKind.ListenerAdded, request.AddTcpListener.Address, "tcp")],
        Request.RequestTypeOneofCase.UpdateHttpListener => [Listener(EventKind.ListenerUpdated, request.UpdateHttpListener.Address, "http")],
        Request.RequestTypeOneofCase.UpdateHttpsListener => [Listener(EventKind.ListenerUpdated, request.UpdateHttpsListener.Address, "https")],
        Request.RequestTypeOneofCase.UpdateTcpListener => [Listener(EventKind.ListenerUpdated, request.UpdateTcpListener.Address, "tcp")],
        Request.RequestTypeOneofCase.ActivateListener => [Listener(EventKind.ListenerActivated, request.ActivateListener.Address, Name(request.ActivateListener.Proxy))],
        Request.RequestTypeOneofCase.DeactivateListener => [Listener(EventKind.ListenerDeactivated, request.DeactivateListener.Address, Name(request.DeactivateListener.Proxy))],
        Request.RequestTypeOneofCase.RemoveListener => [Listener(EventKind.ListenerRemoved, request.RemoveListener.Address, Name(request.RemoveListener.Proxy))],
        Request.RequestTypeOneofCase.AddCertificate => [Detailed(EventKind.CertificateAdded, message, request.AddCertificate.Address)],
        Request.RequestTypeOneofCase.ReplaceCertificate => [Detailed(EventKind.CertificateReplaced, message, request.ReplaceCertificate.Address)],
        Request.RequestTypeOneofCase.RemoveCertificate => [Detailed(EventKind.CertificateRemoved, message, request.RemoveCertificate.Address)],
        Request.RequestTypeOneofCase.SetHealthCheck => [Cluster(EventKind.HealthCheckSet, request.SetHealthCheck.ClusterId, message)],
        Request.RequestTypeOneofCase.RemoveHealthCheck => [Cluster(EventKind.HealthCheckRemoved, request.RemoveHealthCheck, message)],
        Request.RequestTypeOneofCase.ReloadConfiguration => [Detailed(EventKind.ConfigurationReloaded, message)],
        Request.RequestTypeOneofCase.LoadState => [Detailed(EventKind.StateLoaded, message)],
        Request.RequestTypeOneofCase.SaveState => [Detailed(EventKind.StateSaved, message)],
        Request.RequestTypeOneofCase.Logging => [Detailed(EventKind.LoggingLevelChanged, message)],
        Request.RequestTypeOneofCase.ConfigureMetrics => [Detailed(EventKind.MetricsConfigured, message)],
        Request.RequestTypeOneofCase.SoftStop => [Detailed(EventKind.SozuStopRequested, "soft")],
        Request.RequestTypeOneofCase.HardStop => [Detailed(EventKind.SozuStopRequested, "hard")],
        Request.RequestTypeOneofCase.UpgradeMain or Request.RequestTypeOneofCase.UpgradeWorker => [Detailed(EventKind.MainUpgraded, message)],
        _ => [],
    };

    public static Event Backend(EventKind kind, string clusterId, string backendId, SocketAddress? address, string? detail = null)
    {
        var change = Cluster(kind, clusterId, detail);
        change.BackendId = backendId;
        if (address is not null)
        {
            change.Address = address.Clone();
        }

        return change;
    }

    public static Event Cluster(EventKind kind, string clusterId, string? detail = null)
    {
        var change = Detailed(kind, detail);
        change.ClusterId = clusterId;
        return change;
    }

    private static Event Frontend(EventKind kind, string protocol, RequestHttpFrontend frontend)
    {
        var change = Detailed(kind, FrontendText.Of(protocol, frontend), frontend.Address);
        if (frontend.HasClusterId)
        {
            change.ClusterId = frontend.ClusterId;
        }

        return change;
    }

    private static Event Frontend(EventKind kind, RequestTcpFrontend frontend)
    {
        var change = Detailed(kind, FrontendText.Of(frontend), frontend.Address);
        change.ClusterId = frontend.ClusterId;
        return change;
    }

    private static Event Listener(EventKind kind, SocketAddress address, string protocol) =>
        Detailed(kind, $"{protocol} listener {SocketAddresses.Format(address)}", address);

    private static Event Detailed(EventKind kind, string? detail, SocketAddress? address = null)
    {
        var change = new Event { Kind = kind };
        if (detail is not null)
        {
            change.Detail = detail;
        }

        if (address is not null)
        {
            change.Address = address.Clone();
        }

        return change;
    }

    private static string Name(ListenerType type) => type switch
    {
        ListenerType.Https => "https",
        ListenerType.Tcp => "tcp",
        _ => "http",
    };
}
