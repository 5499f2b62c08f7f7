using System.Runtime.CompilerServices;
using Torii.Protocol;
using ContentCase = Torii.Protocol.ResponseContent.ContentTypeOneofCase;

namespace Torii.Client;

/// <summary>
/// One method per request Torii implements. Each throws <see cref="CommandFailedException"/>
/// when the proxy answers FAILURE; changes return the proxy's message, queries their content.
/// </summary>
public static class ToriiClientCommands
{
    public static Task<string> AddClusterAsync(this ToriiClient client, Cluster cluster, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddCluster = Required(cluster) }, cancellationToken);

    public static Task<string> RemoveClusterAsync(this ToriiClient client, string clusterId, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveCluster = Required(clusterId) }, cancellationToken);

    public static Task<string> AddBackendAsync(this ToriiClient client, AddBackend backend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddBackend = Required(backend) }, cancellationToken);

    public static Task<string> RemoveBackendAsync(this ToriiClient client, RemoveBackend backend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveBackend = Required(backend) }, cancellationToken);

    public static Task<string> SetHealthCheckAsync(this ToriiClient client, string clusterId, HealthCheckConfig config, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { SetHealthCheck = new SetHealthCheck { ClusterId = Required(clusterId), Config = Required(config) } }, cancellationToken);

    public static Task<string> RemoveHealthCheckAsync(this ToriiClient client, string clusterId, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveHealthCheck = Required(clusterId) }, cancellationToken);

    /// <summary>The checks of every cluster that has one (or of <paramref name="clusterId"/>), and each checked backend's health.</summary>
    public static Task<HealthChecksList> QueryHealthChecksAsync(this ToriiClient client, string? clusterId = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryHealthChecks();
        if (clusterId is not null)
        {
            query.ClusterId = clusterId;
        }

        return client.QueryAsync(new Request { QueryHealthChecks = query }, ContentCase.HealthChecksList, c => c.HealthChecksList, cancellationToken);
    }

    public static Task<string> AddHttpFrontendAsync(this ToriiClient client, RequestHttpFrontend frontend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddHttpFrontend = Required(frontend) }, cancellationToken);

    public static Task<string> RemoveHttpFrontendAsync(this ToriiClient client, RequestHttpFrontend frontend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveHttpFrontend = Required(frontend) }, cancellationToken);

    public static Task<string> AddHttpsFrontendAsync(this ToriiClient client, RequestHttpFrontend frontend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddHttpsFrontend = Required(frontend) }, cancellationToken);

    public static Task<string> RemoveHttpsFrontendAsync(this ToriiClient client, RequestHttpFrontend frontend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveHttpsFrontend = Required(frontend) }, cancellationToken);

    public static Task<string> AddTcpFrontendAsync(this ToriiClient client, RequestTcpFrontend frontend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddTcpFrontend = Required(frontend) }, cancellationToken);

    public static Task<string> RemoveTcpFrontendAsync(this ToriiClient client, RequestTcpFrontend frontend, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveTcpFrontend = Required(frontend) }, cancellationToken);

    public static Task<string> AddHttpListenerAsync(this ToriiClient client, HttpListenerConfig listener, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddHttpListener = Required(listener) }, cancellationToken);

    public static Task<string> AddHttpsListenerAsync(this ToriiClient client, HttpsListenerConfig listener, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddHttpsListener = Required(listener) }, cancellationToken);

    public static Task<string> AddTcpListenerAsync(this ToriiClient client, TcpListenerConfig listener, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddTcpListener = Required(listener) }, cancellationToken);

    public static Task<string> RemoveListenerAsync(this ToriiClient client, RemoveListener listener, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveListener = Required(listener) }, cancellationToken);

    public static Task<string> ActivateListenerAsync(this ToriiClient client, ActivateListener listener, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { ActivateListener = Required(listener) }, cancellationToken);

    public static Task<string> DeactivateListenerAsync(this ToriiClient client, DeactivateListener listener, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { DeactivateListener = Required(listener) }, cancellationToken);

    public static Task<string> AddCertificateAsync(this ToriiClient client, AddCertificate certificate, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { AddCertificate = Required(certificate) }, cancellationToken);

    public static Task<string> ReplaceCertificateAsync(this ToriiClient client, ReplaceCertificate certificate, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { ReplaceCertificate = Required(certificate) }, cancellationToken);

    public static Task<string> RemoveCertificateAsync(this ToriiClient client, RemoveCertificate certificate, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { RemoveCertificate = Required(certificate) }, cancellationToken);

    /// <summary>Certificates known to the state: by address, or with their fingerprints when filtered by one.</summary>
    public static async Task<ResponseContent> QueryCertificatesAsync(this ToriiClient client, QueryCertificatesFilters? filters = null, CancellationToken cancellationToken = default)
    {
        Request request = new() { QueryCertificatesFromTheState = filters ?? new QueryCertificatesFilters() };
        return ResponseContents.OrEmpty(await client.ExecuteAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    public static Task<WorkerInfos> StatusAsync(this ToriiClient client, CancellationToken cancellationToken = default) =>
        client.QueryAsync(new Request { Status = new Status() }, ContentCase.Workers, c => c.Workers, cancellationToken);

    public static Task<ListenersList> ListListenersAsync(this ToriiClient client, CancellationToken cancellationToken = default) =>
        client.QueryAsync(new Request { ListListeners = new ListListeners() }, ContentCase.ListenersList, c => c.ListenersList, cancellationToken);

    public static Task<ListedFrontends> ListFrontendsAsync(this ToriiClient client, FrontendFilters? filters = null, CancellationToken cancellationToken = default) =>
        client.QueryAsync(new Request { ListFrontends = filters ?? new FrontendFilters() }, ContentCase.FrontendList, c => c.FrontendList, cancellationToken);

    public static Task<ClusterInformations> QueryClusterByIdAsync(this ToriiClient client, string clusterId, CancellationToken cancellationToken = default) =>
        client.QueryAsync(new Request { QueryClusterById = Required(clusterId) }, ContentCase.Clusters, c => c.Clusters, cancellationToken);

    public static Task<ClusterInformations> QueryClustersByDomainAsync(this ToriiClient client, string hostname, string? path = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryClusterByDomain { Hostname = Required(hostname) };
        if (path is not null)
        {
            query.Path = path;
        }

        return client.QueryAsync(new Request { QueryClustersByDomain = query }, ContentCase.Clusters, c => c.Clusters, cancellationToken);
    }

    public static Task<ClusterHashes> QueryClustersHashesAsync(this ToriiClient client, CancellationToken cancellationToken = default) =>
        client.QueryAsync(new Request { QueryClustersHashes = new QueryClustersHashes() }, ContentCase.ClusterHashes, c => c.ClusterHashes, cancellationToken);

    /// <summary>Metrics (<c>metrics</c>), or the names of the available ones (<c>available_metrics</c>) when <c>list</c> is set.</summary>
    public static async Task<ResponseContent> QueryMetricsAsync(this ToriiClient client, QueryMetricsOptions? options = null, CancellationToken cancellationToken = default)
    {
        Request request = new() { QueryMetrics = options ?? new QueryMetricsOptions() };
        return ResponseContents.OrEmpty(await client.ExecuteAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    public static Task<RequestCounts> CountRequestsAsync(this ToriiClient client, CancellationToken cancellationToken = default) =>
        client.QueryAsync(new Request { CountRequests = new CountRequests() }, ContentCase.RequestCounts, c => c.RequestCounts, cancellationToken);

    public static Task<string> SaveStateAsync(this ToriiClient client, string path, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { SaveState = Required(path) }, cancellationToken);

    /// <param name="progress">Receives the PROCESSING answers sent while the file is replayed.</param>
    public static Task<string> LoadStateAsync(this ToriiClient client, string path, IProgress<Response>? progress = null, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { LoadState = Required(path) }, cancellationToken, progress);

    public static Task<string> SetLoggingLevelAsync(this ToriiClient client, string level, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { Logging = Required(level) }, cancellationToken);

    public static Task<string> SoftStopAsync(this ToriiClient client, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { SoftStop = new SoftStop() }, cancellationToken);

    public static Task<string> HardStopAsync(this ToriiClient client, CancellationToken cancellationToken = default) =>
        client.ChangeAsync(new Request { HardStop = new HardStop() }, cancellationToken);

    private static async Task<string> ChangeAsync(this ToriiClient client, Request request, CancellationToken cancellationToken, IProgress<Response>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        Response response = await client.ExecuteAsync(request, progress, cancellationToken).ConfigureAwait(false);
        return response.Message;
    }

    private static async Task<T> QueryAsync<T>(
        this ToriiClient client, Request request, ContentCase expected, Func<ResponseContent, T> select, CancellationToken cancellationToken)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(client);
        Response response = await client.ExecuteAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseContents.Expect(response, RequestNames.Of(request), expected, select);
    }

    private static T Required<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class =>
        value ?? throw new ArgumentNullException(name);
}
