using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol.Tests;

/// <summary>One valid request for every request case Torii implements.</summary>
internal static class SampleRequests
{
    public const string Fingerprint = "3f6c0a9d8e7b5a4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918076e5d4c3";

    public static SocketAddress Address(string text) => SocketAddresses.Parse(text);

    public static IEnumerable<Request> All() => SupportedRequests.All.Select(For);

    public static Request For(RequestCase requestCase) => requestCase switch
    {
        RequestCase.SaveState => new Request { SaveState = "/var/lib/torii/state.json" },
        RequestCase.LoadState => new Request { LoadState = "state.json" },
        RequestCase.ReloadConfiguration => new Request { ReloadConfiguration = "/etc/torii/config.toml" },
        RequestCase.ListFrontends => new Request { ListFrontends = new FrontendFilters { Http = true, Domain = "example.com" } },
        RequestCase.ListListeners => new Request { ListListeners = new ListListeners() },
        RequestCase.Status => new Request { Status = new Status() },
        RequestCase.AddCluster => new Request { AddCluster = Cluster() },
        RequestCase.RemoveCluster => new Request { RemoveCluster = "app" },
        RequestCase.AddHttpFrontend => new Request { AddHttpFrontend = HttpFrontend() },
        RequestCase.RemoveHttpFrontend => new Request { RemoveHttpFrontend = HttpFrontend() },
        RequestCase.AddHttpsFrontend => new Request { AddHttpsFrontend = HttpFrontend("0.0.0.0:8443") },
        RequestCase.RemoveHttpsFrontend => new Request { RemoveHttpsFrontend = HttpFrontend("0.0.0.0:8443") },
        RequestCase.AddCertificate => new Request
        {
            AddCertificate = new AddCertificate
            {
                Address = Address("0.0.0.0:8443"),
                Certificate = Certificate(),
                ExpiredAt = 1_900_000_000,
            },
        },
        RequestCase.ReplaceCertificate => new Request
        {
            ReplaceCertificate = new ReplaceCertificate
            {
                Address = Address("0.0.0.0:8443"),
                NewCertificate = Certificate(),
                OldFingerprint = Fingerprint,
            },
        },
        RequestCase.RemoveCertificate => new Request
        {
            RemoveCertificate = new RemoveCertificate { Address = Address("0.0.0.0:8443"), Fingerprint = Fingerprint },
        },
        RequestCase.QueryCertificatesFromTheState => new Request
        {
            QueryCertificatesFromTheState = new QueryCertificatesFilters { Domain = "example.com" },
        },
        RequestCase.AddTcpFrontend => new Request { AddTcpFrontend = TcpFrontend() },
        RequestCase.RemoveTcpFrontend => new Request { RemoveTcpFrontend = TcpFrontend() },
        RequestCase.AddBackend => new Request { AddBackend = Backend() },
        RequestCase.RemoveBackend => new Request
        {
            RemoveBackend = new RemoveBackend { ClusterId = "app", BackendId = "app-0", Address = Address("127.0.0.1:9000") },
        },
        RequestCase.AddHttpListener => new Request
        {
            AddHttpListener = new HttpListenerConfig
            {
                Address = Address("0.0.0.0:8080"),
                FrontTimeout = 60,
                BackTimeout = 30,
                ConnectTimeout = 3,
                RequestTimeout = 10,
                StickyName = "SOZUBALANCEID",
                Answers = { ["404"] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n" },
            },
        },
        RequestCase.AddHttpsListener => new Request
        {
            AddHttpsListener = new HttpsListenerConfig
            {
                Address = Address("[::]:8443"),
                Versions = { TlsVersion.TlsV12, TlsVersion.TlsV13 },
                AlpnProtocols = { "http/1.1" },
                Active = true,
            },
        },
        RequestCase.AddTcpListener => new Request
        {
            AddTcpListener = new TcpListenerConfig { Address = Address("0.0.0.0:5432"), ExpectProxy = false, FrontTimeout = 120 },
        },
        RequestCase.RemoveListener => new Request
        {
            RemoveListener = new RemoveListener { Address = Address("0.0.0.0:8080"), Proxy = ListenerType.Http },
        },
        RequestCase.ActivateListener => new Request
        {
            ActivateListener = new ActivateListener { Address = Address("0.0.0.0:8080"), Proxy = ListenerType.Http, FromScm = false },
        },
        RequestCase.DeactivateListener => new Request
        {
            DeactivateListener = new DeactivateListener { Address = Address("[::]:8443"), Proxy = ListenerType.Https, ToScm = false },
        },
        RequestCase.QueryClusterById => new Request { QueryClusterById = "app" },
        RequestCase.QueryClustersByDomain => new Request
        {
            QueryClustersByDomain = new QueryClusterByDomain { Hostname = "example.com", Path = "/api" },
        },
        RequestCase.QueryClustersHashes => new Request { QueryClustersHashes = new QueryClustersHashes() },
        RequestCase.QueryMetrics => new Request
        {
            QueryMetrics = new QueryMetricsOptions { List = false, ClusterIds = { "app" }, MetricNames = { "http.requests" } },
        },
        RequestCase.SoftStop => new Request { SoftStop = new SoftStop() },
        RequestCase.HardStop => new Request { HardStop = new HardStop() },
        RequestCase.CountRequests => new Request { CountRequests = new CountRequests() },
        RequestCase.Logging => new Request { Logging = "debug" },
        RequestCase.ConfigureMetrics => new Request { ConfigureMetrics = MetricsConfiguration.Clear },
        RequestCase.UpdateHttpListener => new Request
        {
            UpdateHttpListener = new UpdateHttpListenerConfig { Address = Address("0.0.0.0:8080"), FrontTimeout = 5, StickyName = "LB", Answers = { ["503"] = "HTTP/1.1 503 Busy\r\n\r\n" } },
        },
        RequestCase.UpdateHttpsListener => new Request
        {
            UpdateHttpsListener = new UpdateHttpsListenerConfig { Address = Address("[::]:8443"), RequestTimeout = 7, ExpectProxy = false },
        },
        RequestCase.UpdateTcpListener => new Request
        {
            UpdateTcpListener = new UpdateTcpListenerConfig { Address = Address("127.0.0.1:5432"), BackTimeout = 9, PublicAddress = Address("203.0.113.7:5432") },
        },
        RequestCase.UpgradeMain => new Request { UpgradeMain = new UpgradeMain() },
        RequestCase.UpgradeWorker => new Request { UpgradeWorker = 0 },
        RequestCase.ReturnListenSockets => new Request { ReturnListenSockets = new ReturnListenSockets() },
        RequestCase.SetHealthCheck => new Request
        {
            SetHealthCheck = new SetHealthCheck
            {
                ClusterId = "app",
                Config = new HealthCheckConfig { Uri = "/health", Interval = 2, Timeout = 1, HealthyThreshold = 2, UnhealthyThreshold = 3, Method = "HEAD", FailOpen = false },
            },
        },
        RequestCase.RemoveHealthCheck => new Request { RemoveHealthCheck = "app" },
        RequestCase.QueryHealthChecks => new Request { QueryHealthChecks = new QueryHealthChecks { ClusterId = "app" } },
        RequestCase.SubscribeEvents => new Request { SubscribeEvents = new SubscribeEvents() },
        _ => throw new ArgumentOutOfRangeException(nameof(requestCase), requestCase, "no sample for this case"),
    };

    public static Cluster Cluster() => new()
    {
        ClusterId = "app",
        StickySession = false,
        HttpsRedirect = true,
        LoadBalancing = LoadBalancingAlgorithms.RoundRobin,
        ProxyProtocol = ProxyProtocolConfig.SendHeader,
        Answers = { ["503"] = "HTTP/1.1 503 Service Unavailable\r\n\r\n" },
    };

    public static RequestHttpFrontend HttpFrontend(string address = "0.0.0.0:8080") => new()
    {
        ClusterId = "app",
        Address = Address(address),
        Hostname = "www.example.com",
        Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "/api" },
        Method = "GET",
        Position = RulePosition.Tree,
        Tags = { ["owner"] = "team-a" },
    };

    public static RequestTcpFrontend TcpFrontend() => new()
    {
        ClusterId = "db",
        Address = Address("0.0.0.0:5432"),
    };

    public static AddBackend Backend() => new()
    {
        ClusterId = "app",
        BackendId = "app-0",
        Address = Address("127.0.0.1:9000"),
        LoadBalancingParameters = new LoadBalancingParams { Weight = 100 },
        Backup = false,
    };

    public static CertificateAndKey Certificate() => new()
    {
        Certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        Key = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
        CertificateChain = { "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n" },
        Names = { "example.com", "*.example.com" },
        Versions = { TlsVersion.TlsV13 },
    };
}
