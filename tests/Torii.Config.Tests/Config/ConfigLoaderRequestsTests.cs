using Torii.Protocol;

namespace Torii.Config.Tests.Config;

public sealed class ConfigLoaderRequestsTests : IDisposable
{
    private const string FullConfig = """
        front_timeout = 61
        back_timeout = 31
        connect_timeout = 4
        request_timeout = 11

        [[listeners]]
        protocol = "http"
        address = "127.0.0.1:8080"
        answer_404 = "answers/404.http"
        request_timeout = 5

        [[listeners]]
        protocol = "https"
        address = "[::1]:8443"
        public_address = "203.0.113.7:443"
        sticky_name = "STICKY"
        tls_versions = ["TLS_V13"]
        alpn_protocols = ["http/1.1"]
        certificate = "certs/default.crt"
        key = "certs/default.key"
        certificate_chain = "certs/chain.pem"

        [[listeners]]
        protocol = "tcp"
        address = "127.0.0.1:8081"
        expect_proxy = true

        [clusters.api]
        protocol = "http"
        load_balancing = "least_loaded"
        load_metric = "requests"
        sticky_session = true
        https_redirect = true
        answer_503 = "answers/503.http"
        frontends = [
          { address = "127.0.0.1:8080", hostname = "api.example.com", path = "/v1", path_type = "EQUALS", method = "GET", tags = { team = "core" } },
          { address = "[::1]:8443", hostname = "*.example.com", certificate = "certs/front.crt", key = "certs/front.key", tls_versions = ["TLS_V12"], position = "pre" },
          { address = "[::1]:8443", hostname = "plain.example.com" },
        ]
        backends = [
          { address = "10.0.0.1:3000" },
          { address = "10.0.0.2:3000", backend_id = "primary", weight = 50, sticky_id = "s2", backup = true },
        ]

        [clusters.db]
        protocol = "tcp"
        send_proxy = true

        [[clusters.db.frontends]]
        address = "127.0.0.1:8081"
        tags = { kind = "postgres" }

        [[clusters.db.backends]]
        address = "[2001:db8::1]:5432"
        """;

    private const string ChainFirst = "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----";
    private const string ChainSecond = "-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----";

    private readonly ConfigFolder _folder = new();

    public ConfigLoaderRequestsTests()
    {
        _folder.Write("answers/404.http", "HTTP/1.1 404 Not Found\r\n\r\n");
        _folder.Write("answers/503.http", "HTTP/1.1 503 Service Unavailable\r\n\r\n");
        _folder.Write("certs/default.crt", "DEFAULT CERT");
        _folder.Write("certs/default.key", "DEFAULT KEY");
        _folder.Write("certs/chain.pem", $"{ChainFirst}\n{ChainSecond}\n");
        _folder.Write("certs/front.crt", "FRONT CERT");
        _folder.Write("certs/front.key", "FRONT KEY");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Full_config_maps_to_the_expected_requests_in_apply_order()
    {
        var config = _folder.Load(FullConfig);

        Assert.Equal(ExpectedRequests(), config.Requests.Select(request => request.Request));
    }

    [Fact]
    public void Each_request_points_at_the_table_it_came_from()
    {
        var config = _folder.Load(FullConfig);

        Assert.All(config.Requests, request => Assert.Equal(_folder.ConfigPath, request.Origin.File));
        Assert.Equal(
            [(6, 1), (12, 1), (23, 1), (28, 1), (36, 3), (37, 3), (37, 3), (38, 3), (41, 3), (42, 3), (45, 1), (49, 1), (53, 1), (6, 1), (12, 1), (23, 1)],
            config.Requests.Select(request => (request.Origin.Line, request.Origin.Column)));
    }

    [Fact]
    public void Without_activate_listeners_no_listener_is_activated()
    {
        var config = _folder.Load("""
            activate_listeners = false
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            """);

        var request = Assert.Single(config.Requests);
        Assert.Equal(Request.RequestTypeOneofCase.AddHttpListener, request.Request.RequestTypeCase);
    }

    [Fact]
    public void Http_listener_gets_global_defaults()
    {
        var config = _folder.Load("""
            [[listeners]]
            protocol = "http"
            address = "0.0.0.0:80"
            """);

        var listener = config.Requests[0].Request.AddHttpListener;
        Assert.Equal((60u, 30u, 3u, 10u), (listener.FrontTimeout, listener.BackTimeout, listener.ConnectTimeout, listener.RequestTimeout));
        Assert.Equal("SOZUBALANCEID", listener.StickyName);
        Assert.Null(listener.HttpAnswers);
        Assert.Null(listener.PublicAddress);
    }

    [Fact]
    public void Https_listener_defaults_to_tls_1_2_and_1_3()
    {
        var config = _folder.Load("""
            [[listeners]]
            protocol = "https"
            address = "0.0.0.0:443"
            """);

        Assert.Equal([TlsVersion.TlsV12, TlsVersion.TlsV13], config.Requests[0].Request.AddHttpsListener.Versions);
    }

    [Fact]
    public void Frontend_without_path_matches_every_path_as_sozu_does()
    {
        var config = _folder.Load("""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            [clusters.web]
            protocol = "http"
            frontends = [{ address = "127.0.0.1:8080", hostname = "example.com" }]
            """);

        var frontend = config.Requests.Single(request => request.Request.RequestTypeCase == Request.RequestTypeOneofCase.AddHttpFrontend);
        Assert.Equal(new PathRule { Kind = PathRuleKind.Prefix, Value = "" }, frontend.Request.AddHttpFrontend.Path);
        Assert.Equal(RulePosition.Tree, frontend.Request.AddHttpFrontend.Position);
    }

    [Theory]
    [InlineData("REGEX", PathRuleKind.Regex)]
    [InlineData("prefix", PathRuleKind.Prefix)]
    [InlineData("Equals", PathRuleKind.Equals)]
    public void Path_type_is_case_insensitive(string pathType, PathRuleKind expected)
    {
        var config = _folder.Load($$"""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            [clusters.web]
            protocol = "http"
            frontends = [{ address = "127.0.0.1:8080", hostname = "example.com", path = "/a", path_type = "{{pathType}}" }]
            """);

        var frontend = Assert.Single(config.Requests, request => request.Request.AddHttpFrontend is not null);
        Assert.Equal(expected, frontend.Request.AddHttpFrontend.Path.Kind);
    }

    [Theory]
    [InlineData("ROUND_ROBIN", LoadBalancingAlgorithms.RoundRobin)]
    [InlineData("random", LoadBalancingAlgorithms.Random)]
    [InlineData("LeastLoaded", LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData("power_of_two", LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData("hrw", LoadBalancingAlgorithms.Hrw)]
    [InlineData("MAGLEV", LoadBalancingAlgorithms.Maglev)]
    public void Load_balancing_is_case_insensitive(string name, LoadBalancingAlgorithms expected)
    {
        var config = _folder.Load($$"""
            [clusters.web]
            protocol = "http"
            load_balancing = "{{name}}"
            """);

        Assert.Equal(expected, Assert.Single(config.Requests).Request.AddCluster.LoadBalancing);
    }

    [Fact]
    public void Load_balancing_header_keys_an_http_cluster()
    {
        var config = _folder.Load("""
            [clusters.web]
            protocol = "http"
            load_balancing = "maglev"
            load_balancing_header = "X-Tenant"
            """);

        var cluster = Assert.Single(config.Requests).Request.AddCluster;
        Assert.Equal("X-Tenant", cluster.LoadBalancingHeader);
        Assert.False(_folder.Load("[clusters.web]\nprotocol = \"http\"\n").Requests[0].Request.AddCluster.HasLoadBalancingHeader);
    }

    [Fact]
    public void Http2_makes_an_http_cluster_speak_h2c_to_its_backends_and_tcp_clusters_refuse_it()
    {
        var config = _folder.Load("""
            [clusters.grpc]
            protocol = "http"
            http2 = true
            """);

        Assert.True(Assert.Single(config.Requests).Request.AddCluster.Http2);
        Assert.False(_folder.Load("[clusters.web]\nprotocol = \"http\"\n").Requests[0].Request.AddCluster.HasHttp2);
        Assert.Throws<ConfigException>(() => _folder.Load("[clusters.raw]\nprotocol = \"tcp\"\nhttp2 = true\n"));
    }

    [Theory]
    [InlineData(false, true, ProxyProtocolConfig.SendHeader)]
    [InlineData(true, true, ProxyProtocolConfig.RelayHeader)]
    [InlineData(true, false, ProxyProtocolConfig.ExpectHeader)]
    public void Tcp_cluster_proxy_protocol_follows_send_proxy_and_the_listener(bool expectProxy, bool sendProxy, ProxyProtocolConfig expected)
    {
        var config = _folder.Load($$"""
            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:9000"
            expect_proxy = {{expectProxy.ToString().ToLowerInvariant()}}
            [clusters.raw]
            protocol = "tcp"
            send_proxy = {{sendProxy.ToString().ToLowerInvariant()}}
            frontends = [{ address = "127.0.0.1:9000" }]
            """);

        var cluster = config.Requests.Single(request => request.Request.RequestTypeCase == Request.RequestTypeOneofCase.AddCluster);
        Assert.Equal(expected, cluster.Request.AddCluster.ProxyProtocol);
    }

    [Fact]
    public void Tcp_cluster_without_proxy_protocol_leaves_it_unset()
    {
        var config = _folder.Load("""
            [clusters.raw]
            protocol = "tcp"
            """);

        Assert.False(Assert.Single(config.Requests).Request.AddCluster.HasProxyProtocol);
    }

    [Fact]
    public void Answers_tables_map_status_codes_to_file_contents()
    {
        var config = _folder.Load("""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            answers = { "404" = "answers/404.http" }
            [clusters.web]
            protocol = "http"
            answers = { "503" = "answers/503.http" }
            """);

        Assert.Equal("HTTP/1.1 404 Not Found\r\n\r\n", config.Requests[0].Request.AddHttpListener.Answers["404"]);
        var cluster = config.Requests.Single(request => request.Request.RequestTypeCase == Request.RequestTypeOneofCase.AddCluster);
        Assert.Equal("HTTP/1.1 503 Service Unavailable\r\n\r\n", cluster.Request.AddCluster.Answers["503"]);
    }

    [Fact]
    public void Tls_versions_accept_sozu_and_protocol_spellings()
    {
        var config = _folder.Load("""
            [[listeners]]
            protocol = "https"
            address = "0.0.0.0:443"
            tls_versions = ["TLSv1", "TLS_V11", "tls_v1_2", "TLS_V13"]
            """);

        Assert.Equal(
            [TlsVersion.TlsV10, TlsVersion.TlsV11, TlsVersion.TlsV12, TlsVersion.TlsV13],
            config.Requests[0].Request.AddHttpsListener.Versions);
    }

    private static List<Request> ExpectedRequests()
    {
        var http = Address("127.0.0.1:8080");
        var https = Address("[::1]:8443");
        var tcp = Address("127.0.0.1:8081");
        var httpsListener = new HttpsListenerConfig
        {
            Address = https,
            PublicAddress = Address("203.0.113.7:443"),
            ExpectProxy = false,
            StickyName = "STICKY",
            FrontTimeout = 61,
            BackTimeout = 31,
            ConnectTimeout = 4,
            RequestTimeout = 11,
            Certificate = "DEFAULT CERT",
            Key = "DEFAULT KEY",
        };
        httpsListener.Versions.Add(TlsVersion.TlsV13);
        httpsListener.AlpnProtocols.Add("http/1.1");
        httpsListener.CertificateChain.Add([ChainFirst, ChainSecond]);

        var apiFrontend = new RequestHttpFrontend
        {
            ClusterId = "api",
            Address = http,
            Hostname = "api.example.com",
            Path = new PathRule { Kind = PathRuleKind.Equals, Value = "/v1" },
            Method = "GET",
            Position = RulePosition.Tree,
        };
        apiFrontend.Tags.Add("team", "core");

        var frontCertificate = new CertificateAndKey { Certificate = "FRONT CERT", Key = "FRONT KEY" };
        frontCertificate.Versions.Add(TlsVersion.TlsV12);

        var dbFrontend = new RequestTcpFrontend { ClusterId = "db", Address = tcp };
        dbFrontend.Tags.Add("kind", "postgres");

        return
        [
            new Request
            {
                AddHttpListener = new HttpListenerConfig
                {
                    Address = http,
                    ExpectProxy = false,
                    StickyName = "SOZUBALANCEID",
                    FrontTimeout = 61,
                    BackTimeout = 31,
                    ConnectTimeout = 4,
                    RequestTimeout = 5,
                    HttpAnswers = new CustomHttpAnswers { Answer404 = "HTTP/1.1 404 Not Found\r\n\r\n" },
                },
            },
            new Request { AddHttpsListener = httpsListener },
            new Request
            {
                AddTcpListener = new TcpListenerConfig
                {
                    Address = tcp,
                    ExpectProxy = true,
                    FrontTimeout = 61,
                    BackTimeout = 31,
                    ConnectTimeout = 4,
                },
            },
            new Request
            {
                AddCluster = new Cluster
                {
                    ClusterId = "api",
                    LoadBalancing = LoadBalancingAlgorithms.LeastLoaded,
                    LoadMetric = LoadMetric.Requests,
                    StickySession = true,
                    HttpsRedirect = true,
                    Answer503 = "HTTP/1.1 503 Service Unavailable\r\n\r\n",
                },
            },
            new Request { AddHttpFrontend = apiFrontend },
            new Request { AddCertificate = new AddCertificate { Address = https, Certificate = frontCertificate } },
            new Request
            {
                AddHttpsFrontend = new RequestHttpFrontend
                {
                    ClusterId = "api",
                    Address = https,
                    Hostname = "*.example.com",
                    Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "" },
                    Position = RulePosition.Pre,
                },
            },
            new Request
            {
                AddHttpsFrontend = new RequestHttpFrontend
                {
                    ClusterId = "api",
                    Address = https,
                    Hostname = "plain.example.com",
                    Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "" },
                    Position = RulePosition.Tree,
                },
            },
            Backend("api", "api-0", "10.0.0.1:3000", weight: 100),
            new Request
            {
                AddBackend = new AddBackend
                {
                    ClusterId = "api",
                    BackendId = "primary",
                    Address = Address("10.0.0.2:3000"),
                    LoadBalancingParameters = new LoadBalancingParams { Weight = 50 },
                    StickyId = "s2",
                    Backup = true,
                },
            },
            new Request
            {
                AddCluster = new Cluster
                {
                    ClusterId = "db",
                    LoadBalancing = LoadBalancingAlgorithms.RoundRobin,
                    ProxyProtocol = ProxyProtocolConfig.RelayHeader,
                },
            },
            new Request { AddTcpFrontend = dbFrontend },
            Backend("db", "db-0", "[2001:db8::1]:5432", weight: 100),
            new Request { ActivateListener = new ActivateListener { Address = http, Proxy = ListenerType.Http } },
            new Request { ActivateListener = new ActivateListener { Address = https, Proxy = ListenerType.Https } },
            new Request { ActivateListener = new ActivateListener { Address = tcp, Proxy = ListenerType.Tcp } },
        ];
    }

    private static Request Backend(string clusterId, string backendId, string address, int weight) => new()
    {
        AddBackend = new AddBackend
        {
            ClusterId = clusterId,
            BackendId = backendId,
            Address = Address(address),
            LoadBalancingParameters = new LoadBalancingParams { Weight = weight },
        },
    };

    private static Torii.Protocol.SocketAddress Address(string text) => SocketAddressText.ToProto(SocketAddressText.Parse(text));
}
