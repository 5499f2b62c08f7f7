using System.Text;
using Google.Protobuf;

namespace Torii.Protocol.Tests.Json;

/// <summary>
/// The state file's own JSON reader and writer (RequestJsonReader, RequestJsonWriter) against Google.Protobuf's
/// JsonParser and JsonFormatter, which define the format: the same bytes out, the same requests in, and every
/// line they do not handle themselves left to Google.Protobuf.
/// </summary>
public sealed class RequestJsonLinesTests
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    [Fact]
    public void FormatWritesWhatJsonFormatterWritesForEveryGeneratedRequest()
    {
        var requests = new RandomRequests(seed: 14);
        for (int i = 0; i < 20_000; i++)
        {
            Request request = requests.Next();
            Assert.Equal(Formatter.Format(request), ProtocolJson.Format(request));
        }
    }

    [Fact]
    public void TheOwnWriterWritesPlainRequestsItselfAndIdenticallyToJsonFormatter()
    {
        var requests = new RandomRequests(seed: 6) { PlainOnly = true };
        var writer = new RequestJsonWriter();
        for (int i = 0; i < 20_000; i++)
        {
            Request request = requests.Next();
            Assert.True(writer.TryWrite(request), Formatter.Format(request));
            Assert.Equal(Formatter.Format(request), Encoding.ASCII.GetString(writer.Written));
        }
    }

    [Fact]
    public void TheOwnReaderReadsWhatJsonFormatterWritesIntoTheSameRequests()
    {
        var requests = new RandomRequests(seed: 100);
        int readByOwnReader = 0;
        for (int i = 0; i < 20_000; i++)
        {
            Request request = requests.Next();
            string line = Formatter.Format(request);
            Request expected = Parser.Parse<Request>(line);
            Request? read = RequestJsonReader.TryRead(Encoding.UTF8.GetBytes(line));
            if (read is not null)
            {
                readByOwnReader++;
                Assert.Equal(expected, read);
            }

            Assert.Equal(expected, ProtocolJson.ParseRequest(line));
        }

        // Only lines with an enum number the enum does not declare (one in eight enums) are left to Google.Protobuf.
        Assert.True(readByOwnReader > 10_000, $"{readByOwnReader} lines read by the own reader");
    }

    [Fact]
    public void EveryFieldOfEveryHandledTypeIsWrittenAndReadByTheOwnCode()
    {
        Request[] requests =
        [
            new() { AddCluster = FullCluster() },
            new() { AddHttpFrontend = FullHttpFrontend() },
            new() { AddHttpsFrontend = FullHttpFrontend() },
            new() { RemoveHttpsFrontend = FullHttpFrontend() },
            new() { AddTcpFrontend = new RequestTcpFrontend { ClusterId = "t", Address = SocketAddresses.Parse("127.0.0.1:5432"), Tags = { ["a"] = "b", ["c"] = "d" } } },
            new() { AddBackend = FullBackend() },
            new() { RemoveBackend = new RemoveBackend { ClusterId = "app", BackendId = "b", Address = SocketAddresses.Parse("[2001:db8::1]:80") } },
            new() { RemoveCluster = "app" },
        ];
        var writer = new RequestJsonWriter();
        foreach (Request request in requests)
        {
            string expected = Formatter.Format(request);
            Assert.True(writer.TryWrite(request), expected);
            Assert.Equal(expected, Encoding.ASCII.GetString(writer.Written));
            Assert.Equal(request, RequestJsonReader.TryRead(Encoding.UTF8.GetBytes(expected)));
        }
    }

    [Fact]
    public void EscapesEnumNamesAndSixtyFourBitIntegersAreWrittenAsTheFormatterWritesThem()
    {
        var request = new Request
        {
            AddCluster = new Cluster
            {
                ClusterId = "a\"b\\c\nd\u0001é😀<>&'=",
                LoadBalancing = LoadBalancingAlgorithms.Maglev,
                MaxConnectionsPerIp = ulong.MaxValue,
            },
        };

        string line = ProtocolJson.Format(request);

        Assert.Equal(Formatter.Format(request), line);
        Assert.Contains("\"MAGLEV\"", line);
        Assert.Contains("\"18446744073709551615\"", line);
        Assert.Equal(request, ProtocolJson.ParseRequest(line));
    }

    [Fact]
    public void PresentFieldsAreWrittenEvenWithTheirDefaultValueAndAbsentOnesAreNot()
    {
        var request = new Request { AddBackend = new AddBackend { ClusterId = "", Backup = false, LoadBalancingParameters = new LoadBalancingParams() } };

        string line = ProtocolJson.Format(request);

        Assert.Equal("""{ "add_backend": { "cluster_id": "", "load_balancing_parameters": { }, "backup": false } }""", line);
        Assert.Equal(Formatter.Format(request), line);
    }

    public static TheoryData<string> LinesLeftToGoogleProtobuf() =>
    [
        """{ "addCluster": { "cluster_id": "a" } }""",
        """{ "add_cluster": { "clusterId": "a" } }""",
        """{ "add_cluster": { "cluster_id": "a", "cluster_id": "b" } }""",
        """{ "add_cluster": { "cluster_id": null } }""",
        """{ "add_cluster": { "load_balancing": 3 } }""",
        """{ "add_cluster": { "retry_after": "7" } }""",
        """{ "add_cluster": { "retry_after": 7.0 } }""",
        """{ "add_cluster": { "retry_after": 1e1 } }""",
        """{ "add_cluster": { "max_connections_per_ip": 5 } }""",
        """{ "add_cluster": { "udp": { } } }""",
        """{ "add_backend": { "address": { "ip": { "v4": 1, "v6": { } } } } }""",
        """{ "add_cluster": { "cluster_id": "a" }, "remove_cluster": "a" }""",
        """{ "add_cluster": { "cluster_id": "a" } } x""",
        """{ "add_cluster": { "cluster_id": "a" }""",
        """{ "status": { } }""",
        """{ }""",
        """[ ]""",
        """{ "add_http_frontend": { "tags": { "a": "b", "a": "c" } } }""",
    ];

    [Theory]
    [MemberData(nameof(LinesLeftToGoogleProtobuf))]
    public void LinesTheOwnReaderDoesNotReadExactlyAreLeftToGoogleProtobufWithItsAnswer(string line)
    {
        Assert.Null(RequestJsonReader.TryRead(Encoding.UTF8.GetBytes(line)));

        Request? expected = null;
        string? expectedError = null;
        try
        {
            expected = Parser.Parse<Request>(line);
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            expectedError = exception.Message;
        }

        if (expectedError is null)
        {
            Assert.Equal(expected, ProtocolJson.ParseRequest(line));
        }
        else
        {
            var error = Assert.Throws<MalformedJsonException>(() => ProtocolJson.ParseRequest(line));
            Assert.Contains(expectedError, error.Message);
        }
    }

    [Fact]
    public void AStateFileWrittenAsBytesIsWhatTheFormatterWritesLineByLine()
    {
        var requests = new RandomRequests(seed: 7);
        Request[] state = Enumerable.Range(0, 500).Select(_ => requests.Next()).ToArray();
        using var output = new MemoryStream();

        StateFile.Write(output, state);

        string expected = string.Concat(state.Select(request => Formatter.Format(request) + "\n"));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    private static Cluster FullCluster() => new()
    {
        ClusterId = "app",
        StickySession = true,
        HttpsRedirect = false,
        ProxyProtocol = ProxyProtocolConfig.RelayHeader,
        LoadBalancing = LoadBalancingAlgorithms.PowerOfTwo,
        Answer503 = "HTTP/1.1 503 Busy",
        LoadMetric = LoadMetric.ConnectionTime,
        Http2 = true,
        Answers = { ["404"] = "HTTP/1.1 404 Gone", ["502"] = "HTTP/1.1 502 Bad" },
        HttpsRedirectPort = 8443,
        AuthorizedHashes = { "user:abc", "other:def" },
        WwwAuthenticate = "realm",
        MaxConnectionsPerIp = 1UL << 40,
        RetryAfter = 3,
        HealthCheck = new HealthCheckConfig
        {
            Uri = "/health",
            Interval = 2,
            Timeout = 1,
            HealthyThreshold = 4,
            UnhealthyThreshold = 5,
            ExpectedStatus = 204,
            Kind = HealthCheckKind.HealthCheckPostgresql,
            Host = "db.test",
            Method = "HEAD",
            Role = PostgresRole.Standby,
            User = "u",
            Database = "d",
            Password = "p",
            PasswordFile = "/run/p",
            FailOpen = false,
        },
        QueueTimeout = 9,
        LoadBalancingHeader = "X-User",
    };

    private static RequestHttpFrontend FullHttpFrontend() => new()
    {
        ClusterId = "app",
        Address = SocketAddresses.Parse("0.0.0.0:8080"),
        Hostname = "*.example.com",
        Path = new PathRule { Kind = PathRuleKind.Regex, Value = "^/api/[a-z]+$" },
        Method = "GET",
        Position = RulePosition.Pre,
        Tags = { ["team"] = "web" },
        Redirect = RedirectPolicy.PermanentRedirect,
        RequiredAuth = true,
        RedirectScheme = RedirectScheme.UseHttps,
        RedirectTemplate = "https://%HOST%PATH",
        RewriteHost = "internal.test",
        RewritePath = "/v2%PATH",
        RewritePort = 8081,
        Headers = { new Header { Position = HeaderPosition.Both, Key = "X-A", Val = "1" }, new Header { Key = "X-B" } },
        Hsts = new HstsConfig { Enabled = true, MaxAge = 31_536_000, IncludeSubdomains = true, Preload = false, ForceReplaceBackend = true },
    };

    private static AddBackend FullBackend() => new()
    {
        ClusterId = "app",
        BackendId = "app-0",
        Address = SocketAddresses.Parse("[::1]:9000"),
        StickyId = "s0",
        LoadBalancingParameters = new LoadBalancingParams { Weight = -3 },
        Backup = true,
        MaxConnections = 100,
    };
}
