using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// access_logs_format through the published torii: one HTTP request, one HTTPS request and one TCP
/// connection, each record read back in its format, the TLS fields checked against what the client negotiated.
/// </summary>
public sealed class AccessLogFormatTests
{
    /// <summary>
    /// Quotes, a backslash, a tab and a would-be JSON object and field: what a header may carry that the backend
    /// (Kestrel, which refuses bytes above 0x7F) still answers. Raw control and non-UTF-8 bytes are covered by
    /// the formatter's unit tests.
    /// </summary>
    private static readonly byte[] HostileUserAgent = [.. "ua\"quote \\back\tslash {\"status\":999} status=999"u8];

    private const string HostileUserAgentAsText = "ua\"quote \\back\tslash {\"status\":999} status=999";

    [Fact]
    public async Task Json_records_parse_back_with_every_field_and_the_hostile_header_intact()
    {
        await using var setup = await Setup.StartAsync("json");
        var traffic = await setup.RunTrafficAsync();

        var records = await WaitForAsync(setup.LogPath, 3, ReadJson);

        var http = Assert.Single(records, record => record["protocol"].GetString() == "HTTP");
        Assert.Equal(traffic.HttpRequestId, http["request_id"].GetString());
        Assert.Equal("app", http["cluster_id"].GetString());
        Assert.Equal("first", http["backend_id"].GetString());
        Assert.Equal("GET", http["method"].GetString());
        Assert.Equal("app.test", http["authority"].GetString());
        Assert.Equal("/plain?q=1", http["path"].GetString());
        Assert.Equal(200, http["status"].GetInt32());
        Assert.Equal(HostileUserAgentAsText, http["user_agent"].GetString());
        Assert.StartsWith("127.0.0.1:", http["session_address"].GetString());
        Assert.Equal(setup.Backend.Address, http["backend_address"].GetString());
        Assert.False(http.ContainsKey("tls_version"));

        var https = Assert.Single(records, record => record["protocol"].GetString() == "HTTPS");
        Assert.Equal("/secure", https["path"].GetString());
        Assert.Equal(traffic.TlsVersion, https["tls_version"].GetString());
        Assert.Equal(traffic.TlsCipher, https["tls_cipher"].GetString());
        Assert.Equal("app.test", https["tls_sni"].GetString());
        Assert.Equal("http/1.1", https["tls_alpn"].GetString());

        var tcp = Assert.Single(records, record => record["protocol"].GetString() == "TCP");
        Assert.Equal("db", tcp["cluster_id"].GetString());
        Assert.Equal("echo", tcp["backend_id"].GetString());
        Assert.Equal(4, tcp["bytes_in"].GetInt64());
        Assert.Equal(9, tcp["bytes_out"].GetInt64());
        Assert.False(tcp.ContainsKey("status"));
    }

    [Fact]
    public async Task Http2_streams_are_recorded_with_their_protocol_and_tls_fields()
    {
        await using var setup = await Setup.StartAsync("json");
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        foreach (var url in new[] { $"https://app.test:{setup.HttpsPort}/over-tls", $"http://app.test:{setup.HttpPort}/cleartext" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), (response.StatusCode, response.Version));
        }

        var records = await WaitForAsync(setup.LogPath, 2, ReadJson);

        var h2 = Assert.Single(records, record => record["protocol"].GetString() == "H2");
        Assert.Equal("/over-tls", h2["path"].GetString());
        Assert.Equal("h2", h2["tls_alpn"].GetString());
        Assert.Equal("app.test", h2["tls_sni"].GetString());
        var h2c = Assert.Single(records, record => record["protocol"].GetString() == "H2C");
        Assert.Equal("/cleartext", h2c["path"].GetString());
        Assert.False(h2c.ContainsKey("tls_alpn"));
    }

    [Fact]
    public async Task Protobuf_records_parse_back_as_sozu_access_logs()
    {
        await using var setup = await Setup.StartAsync("protobuf");
        var traffic = await setup.RunTrafficAsync();

        var records = await WaitForAsync(setup.LogPath, 3, ReadProtobuf);

        var http = Assert.Single(records, record => record.Protocol == "HTTP");
        Assert.Equal("app", http.ClusterId);
        Assert.Equal("first", http.BackendId);
        Assert.Equal(traffic.HttpRequestId, http.XRequestId);
        Assert.Equal(traffic.HttpRequestId, $"{http.RequestId.High:x8}{http.RequestId.Low:x16}");
        Assert.Equal(ProtobufEndpoint.InnerOneofCase.Http, http.Endpoint.InnerCase);
        Assert.Equal("GET", http.Endpoint.Http.Method);
        Assert.Equal("app.test", http.Endpoint.Http.Authority);
        Assert.Equal("/plain?q=1", http.Endpoint.Http.Path);
        Assert.Equal(200u, http.Endpoint.Http.Status);
        Assert.Equal(HostileUserAgentAsText, http.UserAgent);
        Assert.Equal(IPAddress.Loopback, SocketAddresses.ToEndPoint(http.SessionAddress).Address);
        Assert.Equal(setup.Backend.Port, (int)http.BackendAddress.Port);
        Assert.InRange(http.Time.Low, (ulong)DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds() * 1_000_000, ulong.MaxValue);
        Assert.False(http.HasTlsVersion);

        var https = Assert.Single(records, record => record.Protocol == "HTTPS");
        Assert.Equal(traffic.TlsVersion, https.TlsVersion);
        Assert.Equal(traffic.TlsCipher, https.TlsCipher);
        Assert.Equal("app.test", https.TlsSni);
        Assert.Equal("http/1.1", https.TlsAlpn);

        var tcp = Assert.Single(records, record => record.Protocol == "TCP");
        Assert.Equal(ProtobufEndpoint.InnerOneofCase.Tcp, tcp.Endpoint.InnerCase);
        Assert.Equal("db", tcp.ClusterId);
        Assert.Equal(4ul, tcp.BytesIn);
        Assert.Equal(9ul, tcp.BytesOut);
    }

    [Fact]
    public async Task Ascii_lines_keep_their_fields_and_add_the_tls_ones_on_tls_connections()
    {
        await using var setup = await Setup.StartAsync("ascii");
        var traffic = await setup.RunTrafficAsync();

        var lines = await WaitForAsync(setup.LogPath, 3, ReadAscii);

        string[] plainKeys = ["id", "cluster", "backend", "client", "method", "host", "path", "status", "bytes_in", "bytes_out", "service_us", "total_us"];
        var http = Assert.Single(lines, line => line["path"] == "/plain?q=1");
        Assert.Equal(plainKeys, http.Keys);
        Assert.Equal(traffic.HttpRequestId, http["id"]);
        Assert.Equal("200", http["status"]);

        var https = Assert.Single(lines, line => line["path"] == "/secure");
        Assert.Equal([.. plainKeys, "tls_version", "tls_cipher", "tls_sni", "tls_alpn"], https.Keys);
        Assert.Equal(traffic.TlsVersion, https["tls_version"]);
        Assert.Equal(traffic.TlsCipher, https["tls_cipher"]);
        Assert.Equal("app.test", https["tls_sni"]);
        Assert.Equal("http/1.1", https["tls_alpn"]);

        var tcp = Assert.Single(lines, line => line["cluster"] == "db");
        Assert.Equal(plainKeys, tcp.Keys);
        Assert.Equal(("echo", "-", "4", "9"), (tcp["backend"], tcp["method"], tcp["bytes_in"], tcp["bytes_out"]));
    }

    private static List<Dictionary<string, JsonElement>> ReadJson(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\n", text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone());
        })];
    }

    private static List<ProtobufAccessLog> ReadProtobuf(byte[] bytes)
    {
        var records = new List<ProtobufAccessLog>();
        using var input = new MemoryStream(bytes);
        while (input.Position < input.Length)
        {
            records.Add(ProtobufAccessLog.Parser.ParseDelimitedFrom(input));
            if ((input.ReadByte(), input.ReadByte()) != (0, 0))
            {
                throw new InvalidDataException("a record is not followed by two zero bytes");
            }
        }

        return records;
    }

    private static List<Dictionary<string, string>> ReadAscii(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes);
        Assert.EndsWith("\n", text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            line.Split(' ').Skip(1).Select(field => field.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]))];
    }

    /// <summary>Reads the log until it holds <paramref name="count"/> whole records; a record cut by a flush is read again.</summary>
    private static async Task<List<T>> WaitForAsync<T>(string path, int count, Func<byte[], List<T>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var bytes = File.Exists(path) ? await File.ReadAllBytesAsync(path) : [];
            List<T>? records = null;
            try
            {
                records = bytes.Length == 0 ? [] : read(bytes);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or JsonException or InvalidDataException && DateTime.UtcNow < deadline)
            {
                // A flush may be under way; read again.
            }

            if (records?.Count >= count)
            {
                Assert.Equal(count, records.Count);
                return records;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the access log has {records?.Count} of {count} records");
            await Task.Delay(TimeSpan.FromMilliseconds(10)); // poll interval of a condition with a deadline
        }
    }

    private sealed record Traffic(string HttpRequestId, string TlsVersion, string TlsCipher);

    /// <summary>Torii with HTTP, HTTPS and TCP listeners and an access log in one format.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly TcpEchoServer _echo;
        private readonly int _httpPort;
        private readonly int _httpsPort;
        private readonly int _tcpPort;

        private Setup(ToriiProcess torii, TestBackend backend, TcpEchoServer echo, int httpPort, int httpsPort, int tcpPort)
        {
            Torii = torii;
            Backend = backend;
            _echo = echo;
            _httpPort = httpPort;
            _httpsPort = httpsPort;
            _tcpPort = tcpPort;
        }

        public ToriiProcess Torii { get; }

        public TestBackend Backend { get; }

        public string LogPath => Path.Combine(Torii.Directory, "access.log");

        public int HttpPort => _httpPort;

        public int HttpsPort => _httpsPort;

        public static async Task<Setup> StartAsync(string format)
        {
            var backend = await TestBackend.StartAsync("first");
            var echo = new TcpEchoServer("echo");
            var (httpPort, httpsPort, tcpPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            var torii = await ToriiProcess.StartAsync($"""
                access_logs_target = "access.log"
                access_logs_format = "{format}"
                [[listeners]]
                protocol = "http"
                address = "127.0.0.1:{httpPort}"
                """);
            var certificate = TestCertificate.SelfSigned("app.test");
            await torii.MustAsync(new Request { AddHttpsListener = new HttpsListenerConfig { Address = Requests.Loopback(httpsPort), Active = true } });
            await torii.MustAsync(new Request { AddCertificate = new AddCertificate { Address = Requests.Loopback(httpsPort), Certificate = certificate.ToProto() } });
            await torii.MustAsync(Requests.Cluster("app"));
            await torii.MustAsync(Requests.AddFrontend("app", httpPort, "app.test"));
            await torii.MustAsync(new Request { AddHttpsFrontend = Requests.Frontend("app", httpsPort, "app.test") });
            await torii.MustAsync(Requests.Backend("app", "first", backend));
            await torii.MustAsync(Requests.TcpListener(tcpPort));
            await torii.MustAsync(Requests.Cluster("db"));
            await torii.MustAsync(Requests.TcpFrontend("db", tcpPort));
            await torii.MustAsync(Requests.Backend("db", "echo", echo.Port));
            return new Setup(torii, backend, echo, httpPort, httpsPort, tcpPort);
        }

        public async Task<Traffic> RunTrafficAsync()
        {
            string requestId;
            await using (var plain = await RawHttpConnection.OpenAsync(_httpPort))
            {
                await plain.SendRawAsync([.. "GET /plain?q=1 HTTP/1.1\r\nHost: app.test\r\nUser-Agent: "u8, .. HostileUserAgent, .. "\r\n\r\n"u8]);
                var response = await plain.ReadResponseAsync();
                Assert.Equal(200, response.StatusCode);
                requestId = response.Header("Torii-Id")!;
            }

            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _httpsPort));
            var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "app.test",
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            var version = tls.SslProtocol switch
            {
                SslProtocols.Tls13 => "TLSv1.3",
                SslProtocols.Tls12 => "TLSv1.2",
                var other => other.ToString(),
            };
            var cipher = tls.NegotiatedCipherSuite.ToString();
            await using (var secure = RawHttpConnection.Over(tls))
            {
                Assert.Equal(200, (await secure.SendAsync("GET /secure HTTP/1.1\r\nHost: app.test\r\n\r\n")).StatusCode);
            }

            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await tcp.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _tcpPort));
            await tcp.SendAsync("ping"u8.ToArray());
            var buffer = new byte[64];
            Assert.Equal("echo:ping", Encoding.ASCII.GetString(buffer, 0, await tcp.ReceiveAsync(buffer)));
            tcp.Shutdown(SocketShutdown.Send);
            Assert.Equal(0, await tcp.ReceiveAsync(buffer));
            return new Traffic(requestId, version, cipher);
        }

        public async ValueTask DisposeAsync()
        {
            await Torii.DisposeAsync();
            await Backend.DisposeAsync();
            _echo.Dispose();
        }
    }
}
