using Torii.Protocol;
using static Torii.Cli.Tests.Output.PrintedResponse;

namespace Torii.Cli.Tests.Output;

public sealed class ResponsePrinterTests
{
    private static SocketAddress Address(string text) => SocketAddresses.Parse(text);

    [Fact]
    public void An_ok_message_is_printed_plainly()
    {
        PrintedResponse printed = Of(Responses.Ok("cluster api added"));

        Assert.Equal(Lines("cluster api added"), printed.Output);
        Assert.Empty(printed.Error);
    }

    [Fact]
    public void A_failure_goes_to_the_error_stream_prefixed_with_error()
    {
        PrintedResponse printed = Of(Responses.Failure("cluster api does not exist"));

        Assert.Empty(printed.Output);
        Assert.Equal(Lines("error: cluster api does not exist"), printed.Error);
    }

    [Fact]
    public void Json_prints_the_whole_response_on_one_line_with_proto_field_names()
    {
        var response = Responses.Ok("", new ResponseContent { ClusterHashes = new ClusterHashes { Map = { ["api"] = 42UL } } });

        PrintedResponse printed = Of(response, json: true);

        Assert.Equal(Lines("""{ "status": "OK", "message": "", "content": { "cluster_hashes": { "map": { "api": "42" } } } }"""), printed.Output);
        Assert.Equal(response, ProtocolJson.ParseResponse(printed.Output.TrimEnd()));
    }

    [Fact]
    public void Json_prints_a_failure_too_and_still_reports_it_on_the_error_stream()
    {
        PrintedResponse printed = Of(Responses.Failure("no such listener"), json: true);

        Assert.Equal(ResponseStatus.Failure, ProtocolJson.ParseResponse(printed.Output.TrimEnd()).Status);
        Assert.Equal(Lines("error: no such listener"), printed.Error);
    }

    [Fact]
    public void Listeners_are_a_table_sorted_by_protocol_and_address()
    {
        var listeners = new ListenersList
        {
            TcpListeners = { ["127.0.0.1:5432"] = new TcpListenerConfig { Address = Address("127.0.0.1:5432"), PublicAddress = Address("203.0.113.1:80") } },
            HttpListeners =
            {
                ["0.0.0.0:8080"] = new HttpListenerConfig { Address = Address("0.0.0.0:8080"), Active = true },
                ["0.0.0.0:80"] = new HttpListenerConfig { Address = Address("0.0.0.0:80"), Active = true },
            },
        };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { ListenersList = listeners }));

        Assert.Equal(
            Lines(
                "PROTOCOL  ADDRESS         PUBLIC ADDRESS  ACTIVE",
                "http      0.0.0.0:80      -               yes",
                "http      0.0.0.0:8080    -               yes",
                "tcp       127.0.0.1:5432  203.0.113.1:80  no"),
            printed.Output);
    }

    [Fact]
    public void No_listeners_says_so()
    {
        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { ListenersList = new ListenersList() }));

        Assert.Equal(Lines("no listeners"), printed.Output);
    }

    [Fact]
    public void Frontends_show_protocol_address_hostname_path_method_and_cluster()
    {
        var frontends = new ListedFrontends
        {
            HttpFrontends =
            {
                new RequestHttpFrontend { ClusterId = "api", Address = Address("0.0.0.0:80"), Hostname = "example.com", Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "/api" }, Method = "POST" },
                new RequestHttpFrontend { Address = Address("0.0.0.0:80"), Hostname = "*.example.com", Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "" } },
                new RequestHttpFrontend { ClusterId = "web", Address = Address("[::]:80"), Hostname = "example.com", Path = new PathRule { Kind = PathRuleKind.Regex, Value = "^/v[0-9]/" } },
            },
            TcpFrontends = { new RequestTcpFrontend { ClusterId = "db", Address = Address("127.0.0.1:5432") } },
        };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { FrontendList = frontends }));

        Assert.Equal(
            Lines(
                "PROTOCOL  ADDRESS         HOSTNAME       PATH             METHOD  CLUSTER",
                "http      0.0.0.0:80      example.com    prefix /api      POST    api",
                "http      0.0.0.0:80      *.example.com  any              any     (deny)",
                "http      [::]:80         example.com    regex ^/v[0-9]/  any     web",
                "tcp       127.0.0.1:5432  -              -                -       db"),
            printed.Output);
    }

    [Fact]
    public void Clusters_show_their_settings_then_backends_then_frontends()
    {
        var information = new ClusterInformation
        {
            Configuration = new Cluster { ClusterId = "api", LoadBalancing = LoadBalancingAlgorithms.LeastLoaded, StickySession = true, QueueTimeout = 5 },
            Backends =
            {
                new AddBackend { ClusterId = "api", BackendId = "api-1", Address = Address("10.0.0.1:8080"), LoadBalancingParameters = new LoadBalancingParams { Weight = 100 } },
                new AddBackend { ClusterId = "api", BackendId = "api-2", Address = Address("10.0.0.2:8080"), Backup = true, StickyId = "two", MaxConnections = 20 },
            },
            HttpFrontends =
            {
                new RequestHttpFrontend { ClusterId = "api", Address = Address("0.0.0.0:80"), Hostname = "api.example.com", Path = new PathRule { Kind = PathRuleKind.Equals, Value = "/v1" } },
            },
            BackendHealth =
            {
                new BackendHealthStatus { ClusterId = "api", BackendId = "api-1", Up = false, Checked = true, Since = 1_796_558_400_000, LastFailure = "status 500, expected 2xx" },
                new BackendHealthStatus { ClusterId = "api", BackendId = "api-2", Up = true, Checked = true, Since = 1_796_558_400_000 },
            },
        };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { Clusters = new ClusterInformations { Vec = { information } } }));

        Assert.Equal(
            Lines(
                "ID   LOAD BALANCING  STICKY  HTTP2  HTTPS REDIRECT  QUEUE TIMEOUT  BACKENDS",
                "api  least_loaded    yes     no     no              5s             2",
                "",
                "CLUSTER  BACKEND  ADDRESS        WEIGHT  BACKUP  STICKY ID  MAX CONNECTIONS  HEALTH  SINCE                 LAST FAILURE",
                "api      api-1    10.0.0.1:8080  100     no      -          unlimited        DOWN    2026-12-06 12:00:00Z  status 500, expected 2xx",
                "api      api-2    10.0.0.2:8080  -       yes     two        20               UP      2026-12-06 12:00:00Z  -",
                "",
                "PROTOCOL  ADDRESS     HOSTNAME         PATH        METHOD  CLUSTER",
                "http      0.0.0.0:80  api.example.com  equals /v1  any     api"),
            printed.Output);
    }

    [Fact]
    public void Health_checks_list_each_check_then_each_backend_health()
    {
        var list = new HealthChecksList
        {
            Map =
            {
                ["api"] = new HealthCheckConfig { Uri = "/health", Interval = 2, Timeout = 1, ExpectedStatus = 204 },
                ["db"] = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckTcp, FailOpen = false },
            },
            Backends =
            {
                new BackendHealthStatus { ClusterId = "api", BackendId = "api-1", Up = false, Checked = true, Since = 1_796_558_400_000, LastFailure = "timeout: no answer within 1 s" },
            },
        };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { HealthChecksList = list }));

        Assert.Equal(
            Lines(
                "CLUSTER  KIND  CHECK        INTERVAL  TIMEOUT  HEALTHY THRESHOLD  UNHEALTHY THRESHOLD  EXPECTED  FAIL OPEN",
                "api      http  GET /health  2s        1s       3                  3                    204       yes",
                "db       tcp   connect      10s       5s       3                  3                    -         no",
                "",
                "CLUSTER  BACKEND  HEALTH  SINCE                 LAST FAILURE",
                "api      api-1    DOWN    2026-12-06 12:00:00Z  timeout: no answer within 1 s"),
            printed.Output);
        Assert.Equal(Lines("no health checks"), Of(Responses.Ok("", new ResponseContent { HealthChecksList = new HealthChecksList() })).Output);
    }

    [Fact]
    public void No_clusters_says_so()
    {
        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { Clusters = new ClusterInformations() }));

        Assert.Equal(Lines("no clusters"), printed.Output);
    }

    [Fact]
    public void Cluster_hashes_are_listed_by_id()
    {
        var hashes = new ClusterHashes { Map = { ["web"] = 7UL, ["api"] = 18446744073709551615UL } };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { ClusterHashes = hashes }));

        Assert.Equal(
            Lines(
                "ID   HASH",
                "api  18446744073709551615",
                "web  7"),
            printed.Output);
    }

    [Fact]
    public void Request_counts_are_a_table_by_request_name()
    {
        var counts = new RequestCounts { Map = { ["status"] = 3, ["add_cluster"] = 12 } };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { RequestCounts = counts }));

        Assert.Equal(
            Lines(
                "REQUEST      COUNT",
                "add_cluster  12",
                "status       3"),
            printed.Output);
    }

    [Fact]
    public void Status_shows_the_message_and_the_worker_pid()
    {
        var workers = new WorkerInfos { Vec = { new WorkerInfo { Id = 0, Pid = 4242, RunState = RunState.Running } } };

        PrintedResponse printed = Of(Responses.Ok("running: 1 listeners, 2 clusters", new ResponseContent { Workers = workers }));

        Assert.Equal(
            Lines(
                "running: 1 listeners, 2 clusters",
                "WORKER  PID   STATE",
                "0       4242  running"),
            printed.Output);
    }

    [Fact]
    public void Certificates_are_a_table_of_address_domain_and_fingerprint()
    {
        string first = new('a', 64);
        string second = new('b', 64);
        var certificates = new ListOfCertificatesByAddress
        {
            Certificates =
            {
                new CertificatesByAddress
                {
                    Address = Address("127.0.0.1:8443"),
                    CertificateSummaries = { new CertificateSummary { Domain = "www.example.com", Fingerprint = second } },
                },
                new CertificatesByAddress
                {
                    Address = Address("0.0.0.0:443"),
                    CertificateSummaries =
                    {
                        new CertificateSummary { Domain = "example.com", Fingerprint = first },
                        new CertificateSummary { Domain = "*.example.com", Fingerprint = first },
                    },
                },
            },
        };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { CertificatesByAddress = certificates }));

        Assert.Equal(
            Lines(
                "ADDRESS         DOMAIN           FINGERPRINT",
                $"0.0.0.0:443     *.example.com    {first}",
                $"0.0.0.0:443     example.com      {first}",
                $"127.0.0.1:8443  www.example.com  {second}"),
            printed.Output);
    }

    [Fact]
    public void No_certificates_says_so()
    {
        var empty = new ListOfCertificatesByAddress { Certificates = { new CertificatesByAddress { Address = Address("0.0.0.0:443") } } };

        Assert.Equal(Lines("no certificates"), Of(Responses.Ok("", new ResponseContent { CertificatesByAddress = empty })).Output);
        Assert.Equal(Lines("no certificates"), Of(Responses.Ok("", new ResponseContent { CertificatesWithFingerprints = new CertificatesWithFingerprints() })).Output);
    }

    [Fact]
    public void A_certificate_found_by_fingerprint_shows_its_names_and_expiry()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=example.com", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2031, 6, 15, 12, 30, 0, TimeSpan.Zero));
        string fingerprint = new('c', 64);
        var found = new CertificatesWithFingerprints
        {
            Certs = { [fingerprint] = new CertificateAndKey { Certificate = certificate.ExportCertificatePem(), Names = { "example.com", "www.example.com" } } },
        };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { CertificatesWithFingerprints = found }));

        Assert.Equal(
            Lines(
                "FINGERPRINT                                                       NAMES                        EXPIRES",
                $"{fingerprint}  example.com,www.example.com  2031-06-15 12:30 UTC"),
            printed.Output);
    }

    [Fact]
    public void A_certificate_sent_without_names_shows_the_names_it_holds()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=shop.test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var alternativeNames = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        alternativeNames.AddDnsName("www.shop.test");
        request.CertificateExtensions.Add(alternativeNames.Build());
        using var certificate = request.CreateSelfSigned(
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string fingerprint = new('d', 64);
        var found = new CertificatesWithFingerprints { Certs = { [fingerprint] = new CertificateAndKey { Certificate = certificate.ExportCertificatePem() } } };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { CertificatesWithFingerprints = found }));

        Assert.Contains($"{fingerprint}  shop.test,www.shop.test  2030-01-01 00:00 UTC", printed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_without_a_table_is_shown_as_json()
    {
        var metrics = new AvailableMetrics { ProxyMetrics = { "accept_queue.connections" } };

        PrintedResponse printed = Of(Responses.Ok("", new ResponseContent { AvailableMetrics = metrics }));

        Assert.Contains("\"proxy_metrics\"", printed.Output, StringComparison.Ordinal);
        Assert.Contains("accept_queue.connections", printed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_lines_go_to_the_error_stream()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        IProgress<Response> progress = new ProgressPrinter(new ResponsePrinter(output, error, json: false));

        progress.Report(Responses.Processing("loading 3 requests"));

        Assert.Empty(output.ToString());
        Assert.Equal(Lines("processing: loading 3 requests"), error.ToString());
    }
}
