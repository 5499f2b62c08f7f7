namespace Torii.Config.Tests.Config;

public sealed class ConfigLoaderErrorTests : IDisposable
{
    private const string HttpListener = """
        [[listeners]]
        protocol = "http"
        address = "127.0.0.1:8080"

        """;

    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void AssertError(string toml, int line, int column, string reason)
    {
        var error = _folder.LoadError(toml);

        Assert.Equal((_folder.ConfigPath, line, column), (error.File, error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"{_folder.ConfigPath}:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void Toml_syntax_error_keeps_its_position()
    {
        AssertError("max_connections = 10\nlog_level \"info\"\n", 2, 11, "expected '=' after key");
    }

    [Fact]
    public void Missing_config_file_names_the_path()
    {
        var path = Path.Combine(_folder.Root, "absent.toml");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.StartsWith($"{path}: cannot read the config file", error.Message);
    }

    [Fact]
    public void Unknown_top_level_key_suggests_the_closest_one()
    {
        AssertError("max_conections = 5\n", 1, 1, "unknown key 'max_conections' in the top level of the config; did you mean 'max_connections'?");
    }

    [Fact]
    public void Unknown_key_without_a_close_match_lists_the_allowed_keys()
    {
        AssertError("[[listeners]]\nprotocol = \"tcp\"\naddress = \"127.0.0.1:1\"\nzzz = 1\n", 4, 1, "unknown key 'zzz' in listener #1; expected one of: address, back_timeout");
    }

    [Fact]
    public void Unknown_key_in_a_listener()
    {
        AssertError("[[listeners]]\nprotocol = \"http\"\nadress = \"127.0.0.1:80\"\n", 3, 1, "unknown key 'adress' in listener #1; did you mean 'address'?");
    }

    [Fact]
    public void Unknown_key_in_a_cluster()
    {
        AssertError("[clusters.api]\nprotocol = \"http\"\nload_balancer = \"RANDOM\"\n", 3, 1, "unknown key 'load_balancer' in cluster 'api'; did you mean 'load_balancing'?");
    }

    [Fact]
    public void Unknown_key_in_a_frontend()
    {
        AssertError(
            HttpListener + "[clusters.api]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:8080\", hostnme = \"a\" }]\n",
            6,
            44,
            "unknown key 'hostnme' in frontend #1 of cluster 'api'; did you mean 'hostname'?");
    }

    [Fact]
    public void Unknown_key_in_a_backend()
    {
        AssertError(
            "[clusters.api]\nprotocol = \"http\"\n[[clusters.api.backends]]\naddress = \"10.0.0.1:80\"\nwieght = 3\n",
            5,
            1,
            "unknown key 'wieght' in backend #1 of cluster 'api'; did you mean 'weight'?");
    }

    [Fact]
    public void Wrong_value_type_points_at_the_value()
    {
        AssertError("max_connections = \"10\"\n", 1, 19, "expected an integer for 'max_connections', found a string");
    }

    [Theory]
    [InlineData("accept_queue_timeout = -1\n", 1, 24, "expected an integer between 0 and 86400 for 'accept_queue_timeout', found -1")]
    [InlineData("[clusters.api]\nprotocol = \"http\"\nqueue_timeout = -5\n", 3, 17, "expected an integer between 0 and 86400 for 'queue_timeout', found -5")]
    [InlineData("[clusters.api]\nprotocol = \"http\"\nbackends = [{ address = \"10.0.0.1:80\", max_connections = -1 }]\n", 3, 58, "expected an integer between 0 and 1000000 for 'max_connections', found -1")]
    public void Queueing_values_out_of_range_say_the_range(string toml, int line, int column, string reason)
    {
        AssertError(toml, line, column, reason);
    }

    [Fact]
    public void Integer_out_of_range_says_the_range()
    {
        AssertError(
            "[clusters.api]\nprotocol = \"http\"\nbackends = [{ address = \"10.0.0.1:80\", weight = 300 }]\n",
            3,
            49,
            "expected an integer between 0 and 255 for 'weight', found 300");
    }

    [Theory]
    [InlineData("localhost:8080", "expected an IPv4 address")]
    [InlineData("127.0.0.1", "expected IP:PORT or [IPv6]:PORT")]
    [InlineData("127.0.0.1:70000", "port 70000 is out of range")]
    [InlineData("127.0.0.1:0", "the port must be between 1 and 65535")]
    public void Bad_listener_address(string address, string reason)
    {
        AssertError($"[[listeners]]\nprotocol = \"http\"\naddress = \"{address}\"\n", 3, 11, reason);
    }

    [Fact]
    public void Unknown_listener_protocol()
    {
        AssertError("[[listeners]]\nprotocol = \"udp\"\naddress = \"127.0.0.1:80\"\n", 2, 12, "unknown protocol 'udp'; expected one of http, https, tcp");
    }

    [Fact]
    public void Unknown_cluster_protocol()
    {
        AssertError("[clusters.api]\nprotocol = \"https\"\n", 2, 12, "unknown protocol 'https'; expected one of http, tcp");
    }

    [Fact]
    public void Unknown_load_balancing()
    {
        AssertError("[clusters.api]\nprotocol = \"http\"\nload_balancing = \"fastest\"\n", 3, 18, "unknown load_balancing 'fastest'; expected one of ROUND_ROBIN, RANDOM, LEAST_LOADED, POWER_OF_TWO, HRW, MAGLEV");
    }

    [Fact]
    public void Unknown_path_type()
    {
        AssertError(
            HttpListener + "[clusters.api]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:8080\", hostname = \"a\", path = \"/\", path_type = \"GLOB\" }]\n",
            6,
            84,
            "unknown path_type 'GLOB'; expected one of PREFIX, REGEX, EQUALS");
    }

    [Fact]
    public void Invalid_regex_path()
    {
        AssertError(
            HttpListener + "[clusters.api]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:8080\", hostname = \"a\", path = \"(\", path_type = \"REGEX\" }]\n",
            6,
            67,
            "invalid regular expression for 'path'");
    }

    [Fact]
    public void Frontend_on_an_undeclared_listener()
    {
        AssertError(
            HttpListener + "[clusters.api]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:9999\", hostname = \"a\" }]\n",
            6,
            26,
            "no listener is declared on 127.0.0.1:9999; a frontend's address must be the address of one of the [[listeners]] (declared: 127.0.0.1:8080 (http))");
    }

    [Fact]
    public void Tcp_cluster_frontend_with_hostname()
    {
        AssertError(
            "[[listeners]]\nprotocol = \"tcp\"\naddress = \"127.0.0.1:9000\"\n[clusters.db]\nprotocol = \"tcp\"\nfrontends = [{ address = \"127.0.0.1:9000\", hostname = \"db.example.com\" }]\n",
            6,
            44,
            "'hostname' is not allowed in frontend #1 of cluster 'db': tcp frontends match on the listener address only");
    }

    [Fact]
    public void Http_cluster_frontend_on_a_tcp_listener()
    {
        AssertError(
            "[[listeners]]\nprotocol = \"tcp\"\naddress = \"127.0.0.1:9000\"\n[clusters.web]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:9000\", hostname = \"a\" }]\n",
            6,
            26,
            "127.0.0.1:9000 is a tcp listener, but cluster 'web' is an http cluster");
    }

    [Fact]
    public void Certificate_on_an_http_listener()
    {
        AssertError(HttpListener + "certificate = \"cert.pem\"\n", 4, 1, "'certificate' is not allowed in listener #1: only https listeners take it");
    }

    [Fact]
    public void Http_setting_on_a_tcp_listener()
    {
        AssertError(
            "[[listeners]]\nprotocol = \"tcp\"\naddress = \"127.0.0.1:9000\"\nsticky_name = \"S\"\n",
            4,
            1,
            "'sticky_name' is not allowed in listener #1: tcp listeners do not speak HTTP");
    }

    [Fact]
    public void Unknown_tls_version_points_at_the_item()
    {
        AssertError(
            "[[listeners]]\nprotocol = \"https\"\naddress = \"127.0.0.1:443\"\ntls_versions = [\"TLS_V12\", \"TLS_V14\"]\n",
            4,
            28,
            "unknown tls_versions 'TLS_V14'; expected one of SSL_V2, SSL_V3, TLSv1, TLS_V11, TLS_V12, TLS_V13");
    }

    [Fact]
    public void Answers_keys_must_be_status_codes()
    {
        AssertError(HttpListener + "answers = { notfound = \"404.http\" }\n", 4, 24, "'answers' keys must be HTTP status codes from 100 to 599, found 'notfound'");
    }

    [Fact]
    public void Send_proxy_on_an_http_cluster()
    {
        AssertError("[clusters.web]\nprotocol = \"http\"\nsend_proxy = true\n", 3, 1, "'send_proxy' is not allowed in cluster 'web': the PROXY protocol is sent by tcp clusters only");
    }

    [Fact]
    public void Frontend_certificate_on_an_http_listener()
    {
        AssertError(
            HttpListener + "[clusters.web]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:8080\", hostname = \"a\", certificate = \"c.pem\", key = \"k.pem\" }]\n",
            6,
            74,
            "this frontend has a certificate but 127.0.0.1:8080 is an http listener");
    }

    [Fact]
    public void Certificate_without_key()
    {
        AssertError(
            "[[listeners]]\nprotocol = \"https\"\naddress = \"127.0.0.1:443\"\ncertificate = \"cert.pem\"\n",
            4,
            15,
            "'certificate' needs 'key' in listener #1");
    }

    [Fact]
    public void Duplicate_listener_address()
    {
        AssertError(
            HttpListener + HttpListener.Replace("http", "tcp", StringComparison.Ordinal),
            4,
            1,
            $"a listener already exists on 127.0.0.1:8080: listener #2 repeats the address of the listener declared at {_folder.ConfigPath}:1:1");
    }

    [Fact]
    public void Duplicate_backend_id()
    {
        AssertError(
            "[clusters.api]\nprotocol = \"http\"\nbackends = [{ address = \"10.0.0.1:80\" }, { address = \"10.0.0.2:80\", backend_id = \"api-0\" }]\n",
            3,
            82,
            "backend id 'api-0' is used twice in cluster 'api'");
    }

    [Theory]
    [InlineData("[[listeners]]\nprotocol = \"http\"\n", 1, 1, "listener #1 is missing the required key 'address'")]
    [InlineData("[[listeners]]\naddress = \"127.0.0.1:80\"\n", 1, 1, "listener #1 is missing the required key 'protocol'")]
    [InlineData("\n[clusters.api]\nload_balancing = \"RANDOM\"\n", 2, 1, "cluster 'api' is missing the required key 'protocol'")]
    [InlineData("[clusters.api]\nprotocol = \"http\"\nbackends = [{ weight = 1 }]\n", 3, 13, "backend #1 of cluster 'api' is missing the required key 'address'")]
    public void Missing_required_keys_point_at_the_table(string toml, int line, int column, string reason)
    {
        AssertError(toml, line, column, reason);
    }

    [Fact]
    public void Http_frontend_needs_a_hostname()
    {
        AssertError(
            HttpListener + "[clusters.api]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:8080\" }]\n",
            6,
            14,
            "frontend #1 of cluster 'api' is missing the required key 'hostname'");
    }

    [Fact]
    public void Unreadable_answer_file_names_the_resolved_path()
    {
        var expectedPath = Path.Combine(_folder.Root, "answers", "404.http");

        AssertError(HttpListener + "answer_404 = \"answers/404.http\"\n", 4, 14, $"cannot read '{expectedPath}' given for 'answer_404': the file does not exist");
    }

    [Fact]
    public void Unreadable_certificate_file_names_the_resolved_path()
    {
        _folder.Write("cert.pem", "CERT");
        var expectedPath = Path.Combine(_folder.Root, "missing.key");

        AssertError(
            "[[listeners]]\nprotocol = \"https\"\naddress = \"127.0.0.1:443\"\ncertificate = \"cert.pem\"\nkey = \"missing.key\"\n",
            5,
            7,
            $"cannot read '{expectedPath}' given for 'key': the file does not exist");
    }

    [Fact]
    public void Cluster_must_be_a_table()
    {
        AssertError("clusters = { api = 1 }\n", 1, 14, "expected a table for 'clusters.api'");
    }

    [Fact]
    public void Listeners_must_be_tables()
    {
        AssertError("listeners = [\"127.0.0.1:80\"]\n", 1, 14, "expected a table for each item of 'listeners', found a string");
    }

    [Fact]
    public void Bad_log_level()
    {
        AssertError("log_level = \"verbose\"\n", 1, 13, "unknown log_level 'verbose'; expected one of error, warn, info, debug, trace");
    }

    [Fact]
    public void Bad_request_id_header()
    {
        AssertError("request_id_header = \"Bad Header\"\n", 1, 21, "'request_id_header' must be a valid HTTP header name");
    }

    [Fact]
    public void Tcp_cluster_cannot_mix_proxy_protocol_listeners()
    {
        AssertError(
            """
            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:9000"
            expect_proxy = true
            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:9001"
            [clusters.db]
            protocol = "tcp"
            frontends = [{ address = "127.0.0.1:9000" }, { address = "127.0.0.1:9001" }]
            """,
            8,
            1,
            "cluster 'db' has frontends on listeners that expect a PROXY protocol header and on listeners that do not");
    }
}
