using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol.Tests;

public sealed class RequestValidatorTests
{
    private static readonly Dictionary<string, (Func<Request> Build, string Expected)> Invalid = new()
    {
        ["no case"] = (() => new Request(), "no request type"),
        ["unsupported"] = (() => new Request { AddUdpListener = new Unsupported() }, "unsupported request: add_udp_listener"),
        ["update listener address missing"] = (() => new Request { UpdateHttpListener = new UpdateHttpListenerConfig { FrontTimeout = 5 } }, "update_http_listener.address is required"),
        ["update listener zero timeout"] = (() => new Request { UpdateTcpListener = new UpdateTcpListenerConfig { Address = SocketAddresses.Parse("127.0.0.1:80"), FrontTimeout = 0 } }, "update_tcp_listener.front_timeout 0 is outside 1..86400"),
        ["update listener answers key"] = (() => new Request { UpdateHttpsListener = new UpdateHttpsListenerConfig { Address = SocketAddresses.Parse("127.0.0.1:443"), Answers = { ["x"] = "y" } } }, "not an HTTP status code"),
        ["cluster id missing"] = (() => new Request { AddCluster = new Cluster() }, "add_cluster.cluster_id is required"),
        ["cluster id empty"] = (() => new Request { AddCluster = new Cluster { ClusterId = "" } }, "add_cluster.cluster_id must not be empty"),
        ["cluster id whitespace"] = (() => new Request { AddCluster = new Cluster { ClusterId = "my app" } }, "contains whitespace"),
        ["cluster id control"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a\u0001" } }, "control character"),
        ["cluster id too long"] = (() => new Request { AddCluster = new Cluster { ClusterId = new string('a', 256) } }, "longer than 255"),
        ["cluster unknown enum"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a", LoadBalancing = (LoadBalancingAlgorithms)9 } }, "add_cluster.load_balancing 9"),
        ["cluster redirect port"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a", HttpsRedirectPort = 70000 } }, "https_redirect_port 70000"),
        ["cluster answers key"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a", Answers = { ["teapot"] = "x" } } }, "not an HTTP status code"),
        ["cluster per-ip limit too large"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a", MaxConnectionsPerIp = 1_000_001 } }, "add_cluster.max_connections_per_ip 1000001 is outside 0..1000000"),
        ["cluster retry after too large"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a", RetryAfter = 86_401 } }, "add_cluster.retry_after 86401 is outside 0..86400"),
        ["global per-ip limit too large"] = (() => new Request { SetMaxConnectionsPerIp = ulong.MaxValue }, "set_max_connections_per_ip 18446744073709551615 is outside 0..1000000"),
        ["remove cluster empty"] = (() => new Request { RemoveCluster = "" }, "remove_cluster must not be empty"),
        ["backend id missing"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.ClearBackendId()) }, "add_backend.backend_id is required"),
        ["backend cluster missing"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.ClearClusterId()) }, "add_backend.cluster_id is required"),
        ["backend address missing"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.Address = null) }, "add_backend.address is required"),
        ["backend address no ip"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.Address = new SocketAddress { Port = 80 }) }, "add_backend.address has no IP"),
        ["backend address no port"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.Address.ClearPort()) }, "add_backend.address has no port"),
        ["backend port zero"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.Address.Port = 0) }, "add_backend.address.port 0 is outside 1..65535"),
        ["backend port too big"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.Address.Port = 65536) }, "port 65536"),
        ["backend weight high"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.LoadBalancingParameters.Weight = 1001) }, "weight 1001 is outside 0..1000"),
        ["backend weight negative"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.LoadBalancingParameters.Weight = -1) }, "weight -1"),
        ["backend max_connections huge"] = (() => new Request { AddBackend = With(SampleRequests.Backend(), b => b.MaxConnections = 1_000_001) }, "add_backend.max_connections 1000001 is outside 0..1000000 (0: unlimited)"),
        ["cluster queue_timeout huge"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a", QueueTimeout = 86_401 } }, "add_cluster.queue_timeout 86401 is outside 0..86400 seconds"),
        ["cluster load_balancing_header"] = (() => new Request { AddCluster = new Cluster { ClusterId = "a", LoadBalancing = LoadBalancingAlgorithms.Hrw, LoadBalancingHeader = "X User" } }, "add_cluster.load_balancing_header \"X User\" is not an HTTP token"),
        ["remove backend address"] = (() => new Request { RemoveBackend = new RemoveBackend { ClusterId = "a", BackendId = "b" } }, "remove_backend.address is required"),
        ["frontend hostname missing"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.ClearHostname()) }, "add_http_frontend.hostname is required"),
        ["frontend address missing"] = (() => new Request { AddHttpsFrontend = With(SampleRequests.HttpFrontend(), f => f.Address = null) }, "add_https_frontend.address is required"),
        ["frontend hostname port"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = "example.com:8080") }, "must not include a port"),
        ["frontend hostname label"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = "exa mple.com") }, "not a valid hostname"),
        ["frontend hostname empty label"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = "example..com") }, "empty label"),
        ["frontend hostname trailing dot"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = "example.com.") }, "empty label"),
        ["frontend hostname long label"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = new string('a', 64) + ".com") }, "longer than 63"),
        ["frontend hostname too long"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = string.Join('.', Enumerable.Repeat(new string('a', 60), 5))) }, "longer than 253"),
        ["frontend bad wildcard"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = "api.*.example.com") }, "'*'"),
        ["frontend bare wildcard"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = "*") }, "not a valid hostname"),
        ["frontend prefix slash"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Path.Value = "api") }, "must be empty or start with '/'"),
        ["frontend equals slash"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Path = new PathRule { Kind = PathRuleKind.Equals, Value = "x" }) }, "start with '/'"),
        ["frontend bad regex"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Path = new PathRule { Kind = PathRuleKind.Regex, Value = "/(unclosed" }) }, "not a valid regular expression"),
        ["frontend empty regex"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Path = new PathRule { Kind = PathRuleKind.Regex, Value = "" }) }, "required for a REGEX"),
        ["frontend long path"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Path.Value = "/" + new string('a', 1024)) }, "longer than 1024"),
        ["frontend path kind"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Path.Kind = (PathRuleKind)7) }, "path.kind 7"),
        ["frontend method"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Method = "GE T") }, "not an HTTP token"),
        ["frontend cluster id"] = (() => new Request { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.ClusterId = "") }, "cluster_id must not be empty"),
        ["tcp frontend cluster"] = (() => new Request { AddTcpFrontend = With(SampleRequests.TcpFrontend(), f => f.ClearClusterId()) }, "add_tcp_frontend.cluster_id is required"),
        ["http listener address"] = (() => new Request { AddHttpListener = new HttpListenerConfig() }, "add_http_listener.address is required"),
        ["http listener timeout zero"] = (() => new Request { AddHttpListener = new HttpListenerConfig { Address = SampleRequests.Address("0.0.0.0:80"), FrontTimeout = 0 } }, "front_timeout 0 is outside 1..86400"),
        ["http listener timeout high"] = (() => new Request { AddHttpListener = new HttpListenerConfig { Address = SampleRequests.Address("0.0.0.0:80"), RequestTimeout = 86401 } }, "request_timeout 86401"),
        ["http listener sticky name"] = (() => new Request { AddHttpListener = new HttpListenerConfig { Address = SampleRequests.Address("0.0.0.0:80"), StickyName = "a;b" } }, "sticky_name"),
        ["https listener half certificate"] = (() => new Request { AddHttpsListener = new HttpsListenerConfig { Address = SampleRequests.Address("0.0.0.0:443"), Certificate = "pem" } }, "both certificate and key"),
        ["https listener version"] = (() => new Request { AddHttpsListener = new HttpsListenerConfig { Address = SampleRequests.Address("0.0.0.0:443"), Versions = { (TlsVersion)42 } } }, "versions 42"),
        ["tcp listener connect timeout"] = (() => new Request { AddTcpListener = new TcpListenerConfig { Address = SampleRequests.Address("0.0.0.0:5432"), ConnectTimeout = 0 } }, "connect_timeout 0"),
        ["remove listener proxy"] = (() => new Request { RemoveListener = new RemoveListener { Address = SampleRequests.Address("0.0.0.0:80") } }, "remove_listener.proxy is required"),
        ["activate udp"] = (() => new Request { ActivateListener = new ActivateListener { Address = SampleRequests.Address("0.0.0.0:80"), Proxy = ListenerType.Udp } }, "UDP listeners are not supported"),
        ["deactivate address"] = (() => new Request { DeactivateListener = new DeactivateListener { Proxy = ListenerType.Http } }, "deactivate_listener.address is required"),
        ["certificate missing"] = (() => new Request { AddCertificate = new AddCertificate { Address = SampleRequests.Address("0.0.0.0:443") } }, "add_certificate.certificate is required"),
        ["certificate no key"] = (() => new Request { AddCertificate = new AddCertificate { Address = SampleRequests.Address("0.0.0.0:443"), Certificate = With(SampleRequests.Certificate(), c => c.ClearKey()) } }, "key needs the PEM private key"),
        ["certificate bad name"] = (() => new Request { AddCertificate = new AddCertificate { Address = SampleRequests.Address("0.0.0.0:443"), Certificate = With(SampleRequests.Certificate(), c => c.Names.Add("bad name")) } }, "certificate.names"),
        ["certificate address"] = (() => new Request { AddCertificate = new AddCertificate { Certificate = SampleRequests.Certificate() } }, "add_certificate.address is required"),
        ["replace fingerprint"] = (() => new Request { ReplaceCertificate = new ReplaceCertificate { Address = SampleRequests.Address("0.0.0.0:443"), NewCertificate = SampleRequests.Certificate(), OldFingerprint = "abc" } }, "not a SHA-256 fingerprint"),
        ["remove certificate fingerprint"] = (() => new Request { RemoveCertificate = new RemoveCertificate { Address = SampleRequests.Address("0.0.0.0:443") } }, "remove_certificate.fingerprint is required"),
        ["query certificates fingerprint"] = (() => new Request { QueryCertificatesFromTheState = new QueryCertificatesFilters { Fingerprint = "zz" } }, "fingerprint"),
        ["save state empty"] = (() => new Request { SaveState = "" }, "save_state needs a non-empty file path"),
        ["load state nul"] = (() => new Request { LoadState = "a\0b" }, "control character"),
        ["logging level"] = (() => new Request { Logging = "verbose" }, "Logging level \"verbose\" is not one of trace, debug, info, warn, error"),
        ["query by id empty"] = (() => new Request { QueryClusterById = "" }, "query_cluster_by_id must not be empty"),
        ["query by domain hostname"] = (() => new Request { QueryClustersByDomain = new QueryClusterByDomain() }, "query_clusters_by_domain.hostname is required"),
        ["query by domain path"] = (() => new Request { QueryClustersByDomain = new QueryClusterByDomain { Hostname = "a.com", Path = "api" } }, "must start with '/'"),
        ["query metrics id"] = (() => new Request { QueryMetrics = new QueryMetricsOptions { ClusterIds = { "a b" } } }, "query_metrics.cluster_ids"),
    };

    public static TheoryData<string> InvalidCases() => new(Invalid.Keys);

    public static TheoryData<string> SupportedCaseNames() =>
        new(SupportedRequests.All.Select(RequestNames.Of));

    [Theory]
    [MemberData(nameof(SupportedCaseNames))]
    public void EverySampleRequestIsValid(string name)
    {
        Assert.True(RequestNames.TryParse(name, out RequestCase requestCase));

        Assert.Null(RequestValidator.Validate(SampleRequests.For(requestCase)));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void InvalidRequestIsRefusedWithAOneLineReason(string name)
    {
        (Func<Request> build, string expected) = Invalid[name];

        string? reason = RequestValidator.Validate(build());

        Assert.NotNull(reason);
        Assert.Contains(expected, reason);
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain('\r', reason);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("EXAMPLE.com")]
    [InlineData("*.example.com")]
    [InlineData("localhost")]
    [InlineData("_acme-challenge.example.com")]
    [InlineData("xn--bcher-kva.example")]
    public void AcceptsDnsNamesAndLeadingWildcards(string hostname)
    {
        Request request = new() { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Hostname = hostname) };

        Assert.Null(RequestValidator.Validate(request));
    }

    [Theory]
    [InlineData(PathRuleKind.Prefix, "")]
    [InlineData(PathRuleKind.Prefix, "/")]
    [InlineData(PathRuleKind.Equals, "/health")]
    [InlineData(PathRuleKind.Regex, "^/api/v[0-9]+/.*$")]
    public void AcceptsWellFormedPathRules(PathRuleKind kind, string value)
    {
        Request request = new() { AddHttpFrontend = With(SampleRequests.HttpFrontend(), f => f.Path = new PathRule { Kind = kind, Value = value }) };

        Assert.Null(RequestValidator.Validate(request));
    }

    [Fact]
    public void FrontendWithoutClusterOrPathOrMethodIsValid()
    {
        var frontend = new RequestHttpFrontend { Address = SampleRequests.Address("[::1]:80"), Hostname = "deny.example.com" };

        Assert.Null(RequestValidator.Validate(new Request { AddHttpFrontend = frontend }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1000)]
    public void AcceptsWeightsFromZeroToAThousand(int weight)
    {
        Request request = new() { AddBackend = With(SampleRequests.Backend(), b => b.LoadBalancingParameters.Weight = weight) };

        Assert.Null(RequestValidator.Validate(request));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(86400u)]
    public void AcceptsTimeoutsAtTheBounds(uint seconds)
    {
        var listener = new TcpListenerConfig { Address = SampleRequests.Address("0.0.0.0:9"), FrontTimeout = seconds, BackTimeout = seconds, ConnectTimeout = seconds };

        Assert.Null(RequestValidator.Validate(new Request { AddTcpListener = listener }));
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("debug")]
    [InlineData("info")]
    [InlineData("warn")]
    [InlineData("error")]
    [InlineData("INFO")]
    public void AcceptsTheFiveLogLevels(string level)
    {
        Assert.Null(RequestValidator.Validate(new Request { Logging = level }));
    }

    [Fact]
    public void QuotedValuesInReasonsHaveTheirControlCharactersMasked()
    {
        string? reason = RequestValidator.Validate(new Request { AddCluster = new Cluster { ClusterId = "a\nb" } });

        Assert.Equal("add_cluster.cluster_id \"a?b\" contains a control character", reason);
    }

    private static T With<T>(T message, Action<T> change)
    {
        change(message);
        return message;
    }
}
