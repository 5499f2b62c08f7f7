using System.Security.Cryptography;

namespace Torii.Protocol;

/// <summary>
/// One item of the routing state, as the request that adds it, with the identity that a config
/// and a running state share: two items with the same key are the same thing, possibly changed.
/// </summary>
public sealed record StateItem(StateItemKind Kind, string Key, Request Add)
{
    /// <summary>
    /// The items an add request makes: one, or two for an add_cluster carrying a health check, which
    /// is its own item (set_health_check) so that a changed check is an update of the check alone.
    /// </summary>
    public static IEnumerable<StateItem> AllOf(Request request)
    {
        if (request.RequestTypeCase == Request.RequestTypeOneofCase.AddCluster && request.AddCluster.HealthCheck is { } healthCheck)
        {
            var cluster = request.AddCluster.Clone();
            cluster.HealthCheck = null;
            yield return new(StateItemKind.Cluster, $"cluster {cluster.ClusterId}", new Request { AddCluster = cluster });
            yield return HealthCheck(new SetHealthCheck { ClusterId = cluster.ClusterId, Config = healthCheck });
            yield break;
        }

        if (Of(request) is { } item)
        {
            yield return item;
        }
    }

    /// <summary>The item of an add request; null for requests that add nothing (queries, removals).</summary>
    public static StateItem? Of(Request request) => request.RequestTypeCase switch
    {
        Request.RequestTypeOneofCase.AddHttpListener => Listener(request, request.AddHttpListener.Address, new Request { AddHttpListener = request.AddHttpListener.Clone().WithActive(false) }),
        Request.RequestTypeOneofCase.AddHttpsListener => Listener(request, request.AddHttpsListener.Address, new Request { AddHttpsListener = request.AddHttpsListener.Clone().WithActive(false) }),
        Request.RequestTypeOneofCase.AddTcpListener => Listener(request, request.AddTcpListener.Address, new Request { AddTcpListener = request.AddTcpListener.Clone().WithActive(false) }),
        Request.RequestTypeOneofCase.ActivateListener => new(StateItemKind.Activation, $"activation {Text(request.ActivateListener.Address)}", new Request { ActivateListener = new ActivateListener { Address = request.ActivateListener.Address, Proxy = request.ActivateListener.Proxy } }),
        Request.RequestTypeOneofCase.AddCluster => new(StateItemKind.Cluster, $"cluster {request.AddCluster.ClusterId}", request),
        Request.RequestTypeOneofCase.AddBackend => new(StateItemKind.Backend, $"backend {request.AddBackend.ClusterId}/{request.AddBackend.BackendId}", request),
        Request.RequestTypeOneofCase.SetHealthCheck => HealthCheck(request.SetHealthCheck),
        Request.RequestTypeOneofCase.AddHttpFrontend => new(StateItemKind.Frontend, $"http frontend {FrontendKey(request.AddHttpFrontend)}", request),
        Request.RequestTypeOneofCase.AddHttpsFrontend => new(StateItemKind.Frontend, $"https frontend {FrontendKey(request.AddHttpsFrontend)}", request),
        Request.RequestTypeOneofCase.AddTcpFrontend => new(StateItemKind.Frontend, $"tcp frontend {Text(request.AddTcpFrontend.Address)}", request),
        Request.RequestTypeOneofCase.SetMaxConnectionsPerIp => new(StateItemKind.PerIpLimit, "max_connections_per_ip", request),
        Request.RequestTypeOneofCase.AddCertificate => new(StateItemKind.Certificate, $"certificate {Text(request.AddCertificate.Address)} {FingerprintOf(request.AddCertificate.Certificate.Certificate)}", request),
        _ => null,
    };

    /// <summary>The request that takes this item out of the state.</summary>
    public Request Removal() => Add.RequestTypeCase switch
    {
        Request.RequestTypeOneofCase.AddHttpListener => RemoveListener(Add.AddHttpListener.Address, ListenerType.Http),
        Request.RequestTypeOneofCase.AddHttpsListener => RemoveListener(Add.AddHttpsListener.Address, ListenerType.Https),
        Request.RequestTypeOneofCase.AddTcpListener => RemoveListener(Add.AddTcpListener.Address, ListenerType.Tcp),
        Request.RequestTypeOneofCase.ActivateListener => new Request { DeactivateListener = new DeactivateListener { Address = Add.ActivateListener.Address, Proxy = Add.ActivateListener.Proxy } },
        Request.RequestTypeOneofCase.AddCluster => new Request { RemoveCluster = Add.AddCluster.ClusterId },
        Request.RequestTypeOneofCase.AddBackend => new Request { RemoveBackend = new RemoveBackend { ClusterId = Add.AddBackend.ClusterId, BackendId = Add.AddBackend.BackendId, Address = Add.AddBackend.Address } },
        Request.RequestTypeOneofCase.SetHealthCheck => new Request { RemoveHealthCheck = Add.SetHealthCheck.ClusterId },
        Request.RequestTypeOneofCase.AddHttpFrontend => new Request { RemoveHttpFrontend = Add.AddHttpFrontend },
        Request.RequestTypeOneofCase.AddHttpsFrontend => new Request { RemoveHttpsFrontend = Add.AddHttpsFrontend },
        Request.RequestTypeOneofCase.AddTcpFrontend => new Request { RemoveTcpFrontend = Add.AddTcpFrontend },
        // The global limit leaves the config: back to Sōzu's default, no limit.
        Request.RequestTypeOneofCase.SetMaxConnectionsPerIp => new Request { SetMaxConnectionsPerIp = 0 },
        Request.RequestTypeOneofCase.AddCertificate => new Request { RemoveCertificate = new RemoveCertificate { Address = Add.AddCertificate.Address, Fingerprint = FingerprintOf(Add.AddCertificate.Certificate.Certificate) } },
        _ => throw new InvalidOperationException($"{Add.RequestTypeCase} adds no state item"),
    };

    private static StateItem Listener(Request original, SocketAddress address, Request normalised) =>
        new(StateItemKind.Listener, $"listener {Text(address)}", original.Equals(normalised) ? original : normalised);

    private static StateItem HealthCheck(SetHealthCheck set) =>
        new(StateItemKind.HealthCheck, $"health check {set.ClusterId}", new Request { SetHealthCheck = set });

    private static Request RemoveListener(SocketAddress address, ListenerType type) =>
        new() { RemoveListener = new RemoveListener { Address = address, Proxy = type } };

    /// <summary>What a frontend matches identifies it; its cluster is what may change.</summary>
    private static string FrontendKey(RequestHttpFrontend frontend) =>
        $"{Text(frontend.Address)} {frontend.Hostname}{frontend.Path?.Kind.ToString() ?? string.Empty}:{frontend.Path?.Value}{(frontend.HasMethod ? " " + frontend.Method : string.Empty)}";

    private static string Text(SocketAddress? address) => address is null ? "(none)" : SocketAddresses.Format(address);

    /// <summary>The SHA-256 of the leaf's DER, lowercase hex, as Sōzu names certificates.</summary>
    private static string FingerprintOf(string pem)
    {
        var found = PemEncoding.Find(pem);
        var der = Convert.FromBase64String(pem[found.Base64Data]);
        return Convert.ToHexStringLower(SHA256.HashData(der));
    }
}
