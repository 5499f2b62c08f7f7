using static Torii.Protocol.JsonFields;

namespace Torii.Protocol;

/// <summary>
/// The fields of the messages a state file holds, in field-number order (the order Google.Protobuf's JsonFormatter
/// writes them in); a message's table comes before the tables that hold it.
/// </summary>
internal static class RequestJsonFields
{
    public static readonly JsonField<Uint128>[] Uint128Fields =
    [
        UInt64<Uint128>("low", m => m.HasLow, m => m.Low, (m, v) => m.Low = v),
        UInt64<Uint128>("high", m => m.HasHigh, m => m.High, (m, v) => m.High = v),
    ];

    public static readonly JsonField<IpAddress>[] IpAddressFields =
    [
        UInt32<IpAddress>("v4", m => m.InnerCase == IpAddress.InnerOneofCase.V4, m => m.V4, (m, v) => m.V4 = v, oneof: true),
        Message<IpAddress, Uint128>("v6", Uint128Fields, m => m.InnerCase == IpAddress.InnerOneofCase.V6 ? m.V6 : null, (m, v) => m.V6 = v, oneof: true),
    ];

    public static readonly JsonField<SocketAddress>[] SocketAddressFields =
    [
        Message<SocketAddress, IpAddress>("ip", IpAddressFields, m => m.Ip, (m, v) => m.Ip = v),
        UInt32<SocketAddress>("port", m => m.HasPort, m => m.Port, (m, v) => m.Port = v),
    ];

    public static readonly JsonField<PathRule>[] PathRuleFields =
    [
        Enum<PathRule, PathRuleKind>("kind", m => m.HasKind, m => m.Kind, (m, v) => m.Kind = v),
        Text<PathRule>("value", m => m.HasValue, m => m.Value, (m, v) => m.Value = v),
    ];

    public static readonly JsonField<Header>[] HeaderFields =
    [
        Enum<Header, HeaderPosition>("position", m => m.HasPosition, m => m.Position, (m, v) => m.Position = v),
        Text<Header>("key", m => m.HasKey, m => m.Key, (m, v) => m.Key = v),
        Text<Header>("val", m => m.HasVal, m => m.Val, (m, v) => m.Val = v),
    ];

    public static readonly JsonField<HstsConfig>[] HstsConfigFields =
    [
        Flag<HstsConfig>("enabled", m => m.HasEnabled, m => m.Enabled, (m, v) => m.Enabled = v),
        UInt32<HstsConfig>("max_age", m => m.HasMaxAge, m => m.MaxAge, (m, v) => m.MaxAge = v),
        Flag<HstsConfig>("include_subdomains", m => m.HasIncludeSubdomains, m => m.IncludeSubdomains, (m, v) => m.IncludeSubdomains = v),
        Flag<HstsConfig>("preload", m => m.HasPreload, m => m.Preload, (m, v) => m.Preload = v),
        Flag<HstsConfig>("force_replace_backend", m => m.HasForceReplaceBackend, m => m.ForceReplaceBackend, (m, v) => m.ForceReplaceBackend = v),
    ];

    public static readonly JsonField<HealthCheckConfig>[] HealthCheckConfigFields =
    [
        Text<HealthCheckConfig>("uri", m => m.HasUri, m => m.Uri, (m, v) => m.Uri = v),
        UInt32<HealthCheckConfig>("interval", m => m.HasInterval, m => m.Interval, (m, v) => m.Interval = v),
        UInt32<HealthCheckConfig>("timeout", m => m.HasTimeout, m => m.Timeout, (m, v) => m.Timeout = v),
        UInt32<HealthCheckConfig>("healthy_threshold", m => m.HasHealthyThreshold, m => m.HealthyThreshold, (m, v) => m.HealthyThreshold = v),
        UInt32<HealthCheckConfig>("unhealthy_threshold", m => m.HasUnhealthyThreshold, m => m.UnhealthyThreshold, (m, v) => m.UnhealthyThreshold = v),
        UInt32<HealthCheckConfig>("expected_status", m => m.HasExpectedStatus, m => m.ExpectedStatus, (m, v) => m.ExpectedStatus = v),
        Enum<HealthCheckConfig, HealthCheckKind>("kind", m => m.HasKind, m => m.Kind, (m, v) => m.Kind = v),
        Text<HealthCheckConfig>("host", m => m.HasHost, m => m.Host, (m, v) => m.Host = v),
        Text<HealthCheckConfig>("method", m => m.HasMethod, m => m.Method, (m, v) => m.Method = v),
        Enum<HealthCheckConfig, PostgresRole>("role", m => m.HasRole, m => m.Role, (m, v) => m.Role = v),
        Text<HealthCheckConfig>("user", m => m.HasUser, m => m.User, (m, v) => m.User = v),
        Text<HealthCheckConfig>("database", m => m.HasDatabase, m => m.Database, (m, v) => m.Database = v),
        Text<HealthCheckConfig>("password", m => m.HasPassword, m => m.Password, (m, v) => m.Password = v),
        Text<HealthCheckConfig>("password_file", m => m.HasPasswordFile, m => m.PasswordFile, (m, v) => m.PasswordFile = v),
        Flag<HealthCheckConfig>("fail_open", m => m.HasFailOpen, m => m.FailOpen, (m, v) => m.FailOpen = v),
    ];

    public static readonly JsonField<LoadBalancingParams>[] LoadBalancingParamsFields =
    [
        Int32<LoadBalancingParams>("weight", m => m.HasWeight, m => m.Weight, (m, v) => m.Weight = v),
    ];

    public static readonly JsonField<Cluster>[] ClusterFields =
    [
        Text<Cluster>("cluster_id", m => m.HasClusterId, m => m.ClusterId, (m, v) => m.ClusterId = v),
        Flag<Cluster>("sticky_session", m => m.HasStickySession, m => m.StickySession, (m, v) => m.StickySession = v),
        Flag<Cluster>("https_redirect", m => m.HasHttpsRedirect, m => m.HttpsRedirect, (m, v) => m.HttpsRedirect = v),
        Enum<Cluster, ProxyProtocolConfig>("proxy_protocol", m => m.HasProxyProtocol, m => m.ProxyProtocol, (m, v) => m.ProxyProtocol = v),
        Enum<Cluster, LoadBalancingAlgorithms>("load_balancing", m => m.HasLoadBalancing, m => m.LoadBalancing, (m, v) => m.LoadBalancing = v),
        Text<Cluster>("answer_503", m => m.HasAnswer503, m => m.Answer503, (m, v) => m.Answer503 = v),
        Enum<Cluster, LoadMetric>("load_metric", m => m.HasLoadMetric, m => m.LoadMetric, (m, v) => m.LoadMetric = v),
        Flag<Cluster>("http2", m => m.HasHttp2, m => m.Http2, (m, v) => m.Http2 = v),
        Map<Cluster>("answers", m => m.Answers),
        UInt32<Cluster>("https_redirect_port", m => m.HasHttpsRedirectPort, m => m.HttpsRedirectPort, (m, v) => m.HttpsRedirectPort = v),
        TextList<Cluster>("authorized_hashes", m => m.AuthorizedHashes),
        Text<Cluster>("www_authenticate", m => m.HasWwwAuthenticate, m => m.WwwAuthenticate, (m, v) => m.WwwAuthenticate = v),
        UInt64<Cluster>("max_connections_per_ip", m => m.HasMaxConnectionsPerIp, m => m.MaxConnectionsPerIp, (m, v) => m.MaxConnectionsPerIp = v),
        UInt32<Cluster>("retry_after", m => m.HasRetryAfter, m => m.RetryAfter, (m, v) => m.RetryAfter = v),
        Message<Cluster, HealthCheckConfig>("health_check", HealthCheckConfigFields, m => m.HealthCheck, (m, v) => m.HealthCheck = v),
        Refused<Cluster>("udp", m => m.Udp is not null),
        UInt32<Cluster>("queue_timeout", m => m.HasQueueTimeout, m => m.QueueTimeout, (m, v) => m.QueueTimeout = v),
        Text<Cluster>("load_balancing_header", m => m.HasLoadBalancingHeader, m => m.LoadBalancingHeader, (m, v) => m.LoadBalancingHeader = v),
    ];

    public static readonly JsonField<RequestHttpFrontend>[] RequestHttpFrontendFields =
    [
        Text<RequestHttpFrontend>("cluster_id", m => m.HasClusterId, m => m.ClusterId, (m, v) => m.ClusterId = v),
        Message<RequestHttpFrontend, SocketAddress>("address", SocketAddressFields, m => m.Address, (m, v) => m.Address = v),
        Text<RequestHttpFrontend>("hostname", m => m.HasHostname, m => m.Hostname, (m, v) => m.Hostname = v),
        Message<RequestHttpFrontend, PathRule>("path", PathRuleFields, m => m.Path, (m, v) => m.Path = v),
        Text<RequestHttpFrontend>("method", m => m.HasMethod, m => m.Method, (m, v) => m.Method = v),
        Enum<RequestHttpFrontend, RulePosition>("position", m => m.HasPosition, m => m.Position, (m, v) => m.Position = v),
        Map<RequestHttpFrontend>("tags", m => m.Tags),
        Enum<RequestHttpFrontend, RedirectPolicy>("redirect", m => m.HasRedirect, m => m.Redirect, (m, v) => m.Redirect = v),
        Flag<RequestHttpFrontend>("required_auth", m => m.HasRequiredAuth, m => m.RequiredAuth, (m, v) => m.RequiredAuth = v),
        Enum<RequestHttpFrontend, RedirectScheme>("redirect_scheme", m => m.HasRedirectScheme, m => m.RedirectScheme, (m, v) => m.RedirectScheme = v),
        Text<RequestHttpFrontend>("redirect_template", m => m.HasRedirectTemplate, m => m.RedirectTemplate, (m, v) => m.RedirectTemplate = v),
        Text<RequestHttpFrontend>("rewrite_host", m => m.HasRewriteHost, m => m.RewriteHost, (m, v) => m.RewriteHost = v),
        Text<RequestHttpFrontend>("rewrite_path", m => m.HasRewritePath, m => m.RewritePath, (m, v) => m.RewritePath = v),
        UInt32<RequestHttpFrontend>("rewrite_port", m => m.HasRewritePort, m => m.RewritePort, (m, v) => m.RewritePort = v),
        MessageList<RequestHttpFrontend, Header>("headers", HeaderFields, m => m.Headers),
        Message<RequestHttpFrontend, HstsConfig>("hsts", HstsConfigFields, m => m.Hsts, (m, v) => m.Hsts = v),
    ];

    public static readonly JsonField<RequestTcpFrontend>[] RequestTcpFrontendFields =
    [
        Text<RequestTcpFrontend>("cluster_id", m => m.HasClusterId, m => m.ClusterId, (m, v) => m.ClusterId = v),
        Message<RequestTcpFrontend, SocketAddress>("address", SocketAddressFields, m => m.Address, (m, v) => m.Address = v),
        Map<RequestTcpFrontend>("tags", m => m.Tags),
    ];

    public static readonly JsonField<AddBackend>[] AddBackendFields =
    [
        Text<AddBackend>("cluster_id", m => m.HasClusterId, m => m.ClusterId, (m, v) => m.ClusterId = v),
        Text<AddBackend>("backend_id", m => m.HasBackendId, m => m.BackendId, (m, v) => m.BackendId = v),
        Message<AddBackend, SocketAddress>("address", SocketAddressFields, m => m.Address, (m, v) => m.Address = v),
        Text<AddBackend>("sticky_id", m => m.HasStickyId, m => m.StickyId, (m, v) => m.StickyId = v),
        Message<AddBackend, LoadBalancingParams>("load_balancing_parameters", LoadBalancingParamsFields, m => m.LoadBalancingParameters, (m, v) => m.LoadBalancingParameters = v),
        Flag<AddBackend>("backup", m => m.HasBackup, m => m.Backup, (m, v) => m.Backup = v),
        UInt32<AddBackend>("max_connections", m => m.HasMaxConnections, m => m.MaxConnections, (m, v) => m.MaxConnections = v),
    ];

    public static readonly JsonField<RemoveBackend>[] RemoveBackendFields =
    [
        Text<RemoveBackend>("cluster_id", m => m.HasClusterId, m => m.ClusterId, (m, v) => m.ClusterId = v),
        Text<RemoveBackend>("backend_id", m => m.HasBackendId, m => m.BackendId, (m, v) => m.BackendId = v),
        Message<RemoveBackend, SocketAddress>("address", SocketAddressFields, m => m.Address, (m, v) => m.Address = v),
    ];

    /// <summary>The requests a state file holds: one of them, a oneof field of the request.</summary>
    public static readonly JsonField<Request>[] RequestFields =
    [
        Message<Request, Cluster>("add_cluster", ClusterFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.AddCluster ? m.AddCluster : null, (m, v) => m.AddCluster = v, oneof: true),
        Text<Request>("remove_cluster", m => m.RequestTypeCase == Request.RequestTypeOneofCase.RemoveCluster, m => m.RemoveCluster, (m, v) => m.RemoveCluster = v, oneof: true),
        Message<Request, RequestHttpFrontend>("add_http_frontend", RequestHttpFrontendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.AddHttpFrontend ? m.AddHttpFrontend : null, (m, v) => m.AddHttpFrontend = v, oneof: true),
        Message<Request, RequestHttpFrontend>("remove_http_frontend", RequestHttpFrontendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.RemoveHttpFrontend ? m.RemoveHttpFrontend : null, (m, v) => m.RemoveHttpFrontend = v, oneof: true),
        Message<Request, RequestHttpFrontend>("add_https_frontend", RequestHttpFrontendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.AddHttpsFrontend ? m.AddHttpsFrontend : null, (m, v) => m.AddHttpsFrontend = v, oneof: true),
        Message<Request, RequestHttpFrontend>("remove_https_frontend", RequestHttpFrontendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.RemoveHttpsFrontend ? m.RemoveHttpsFrontend : null, (m, v) => m.RemoveHttpsFrontend = v, oneof: true),
        Message<Request, RequestTcpFrontend>("add_tcp_frontend", RequestTcpFrontendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.AddTcpFrontend ? m.AddTcpFrontend : null, (m, v) => m.AddTcpFrontend = v, oneof: true),
        Message<Request, RequestTcpFrontend>("remove_tcp_frontend", RequestTcpFrontendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.RemoveTcpFrontend ? m.RemoveTcpFrontend : null, (m, v) => m.RemoveTcpFrontend = v, oneof: true),
        Message<Request, AddBackend>("add_backend", AddBackendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.AddBackend ? m.AddBackend : null, (m, v) => m.AddBackend = v, oneof: true),
        Message<Request, RemoveBackend>("remove_backend", RemoveBackendFields, m => m.RequestTypeCase == Request.RequestTypeOneofCase.RemoveBackend ? m.RemoveBackend : null, (m, v) => m.RemoveBackend = v, oneof: true),
    ];
}
