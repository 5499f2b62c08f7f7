using Torii.Protocol;
using Torii.Proxy.Events;

namespace Torii.Proxy.Audit;

/// <summary>
/// What a change request acts on, for the audit log's object field: ids and addresses only, never
/// the request's body (a certificate's key, a health check's password).
/// </summary>
public static class AuditTarget
{
    /// <summary>Never throws: a refused request may carry an address that does not even parse.</summary>
    public static string Of(Request request)
    {
        try
        {
            return Unchecked(request);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return "(unreadable)";
        }
    }

    private static string Unchecked(Request request) => request.RequestTypeCase switch
    {
        Request.RequestTypeOneofCase.AddCluster => Cluster(request.AddCluster.ClusterId),
        Request.RequestTypeOneofCase.RemoveCluster => Cluster(request.RemoveCluster),
        Request.RequestTypeOneofCase.SetHealthCheck => Cluster(request.SetHealthCheck.ClusterId),
        Request.RequestTypeOneofCase.RemoveHealthCheck => Cluster(request.RemoveHealthCheck),
        Request.RequestTypeOneofCase.AddBackend => Backend(request.AddBackend.ClusterId, request.AddBackend.BackendId),
        Request.RequestTypeOneofCase.RemoveBackend => Backend(request.RemoveBackend.ClusterId, request.RemoveBackend.BackendId),
        Request.RequestTypeOneofCase.AddHttpFrontend => Frontend("http", request.AddHttpFrontend),
        Request.RequestTypeOneofCase.RemoveHttpFrontend => Frontend("http", request.RemoveHttpFrontend),
        Request.RequestTypeOneofCase.AddHttpsFrontend => Frontend("https", request.AddHttpsFrontend),
        Request.RequestTypeOneofCase.RemoveHttpsFrontend => Frontend("https", request.RemoveHttpsFrontend),
        Request.RequestTypeOneofCase.AddTcpFrontend => Frontend(request.AddTcpFrontend),
        Request.RequestTypeOneofCase.RemoveTcpFrontend => Frontend(request.RemoveTcpFrontend),
        Request.RequestTypeOneofCase.AddHttpListener => Listener(request.AddHttpListener.Address),
        Request.RequestTypeOneofCase.AddHttpsListener => Listener(request.AddHttpsListener.Address),
        Request.RequestTypeOneofCase.AddTcpListener => Listener(request.AddTcpListener.Address),
        Request.RequestTypeOneofCase.UpdateHttpListener => Listener(request.UpdateHttpListener.Address),
        Request.RequestTypeOneofCase.UpdateHttpsListener => Listener(request.UpdateHttpsListener.Address),
        Request.RequestTypeOneofCase.UpdateTcpListener => Listener(request.UpdateTcpListener.Address),
        Request.RequestTypeOneofCase.ActivateListener => Listener(request.ActivateListener.Address),
        Request.RequestTypeOneofCase.DeactivateListener => Listener(request.DeactivateListener.Address),
        Request.RequestTypeOneofCase.RemoveListener => Listener(request.RemoveListener.Address),
        Request.RequestTypeOneofCase.AddCertificate => Certificate(request.AddCertificate.Address, null),
        Request.RequestTypeOneofCase.ReplaceCertificate => Certificate(request.ReplaceCertificate.Address, request.ReplaceCertificate.OldFingerprint),
        Request.RequestTypeOneofCase.RemoveCertificate => Certificate(request.RemoveCertificate.Address, request.RemoveCertificate.Fingerprint),
        Request.RequestTypeOneofCase.SaveState => "state:" + request.SaveState,
        Request.RequestTypeOneofCase.LoadState => "state:" + request.LoadState,
        Request.RequestTypeOneofCase.ReloadConfiguration => "config:" + request.ReloadConfiguration,
        Request.RequestTypeOneofCase.Logging => "log_level:" + request.Logging,
        Request.RequestTypeOneofCase.ConfigureMetrics => "metrics:" + request.ConfigureMetrics,
        _ => "proxy",
    };

    private static string Cluster(string id) => "cluster:" + id;

    private static string Backend(string clusterId, string backendId) => $"backend:{clusterId}/{backendId}";

    private static string Frontend(string protocol, RequestHttpFrontend frontend) =>
        "frontend:" + (frontend.Address is null ? protocol : FrontendText.Of(protocol, frontend));

    private static string Frontend(RequestTcpFrontend frontend) =>
        "frontend:" + (frontend.Address is null ? "tcp" : FrontendText.Of(frontend));

    private static string Listener(SocketAddress? address) => "listener:" + Address(address);

    /// <summary>The new certificate is named by the answer's message (its fingerprint), the old one here.</summary>
    private static string Certificate(SocketAddress? address, string? fingerprint) =>
        $"certificate:{Address(address)}{(string.IsNullOrEmpty(fingerprint) ? string.Empty : "/" + fingerprint)}";

    private static string Address(SocketAddress? address) => address is null ? "?" : SocketAddresses.Format(address);
}
