using System.Security.Cryptography;
using System.Text;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// Frontend routing actions through the published torii, configured from config.toml: redirects
/// with their Location, rewrites as the backend sees them, header edits both ways, Basic auth and
/// answer templates with their variables filled.
/// </summary>
public sealed class RoutingActionsTests : IAsyncLifetime
{
    private const string Template = "HTTP/1.1 301 Moved\\r\\nLocation: %REDIRECT_LOCATION\\r\\nX-Id: %REQUEST_ID\\r\\n\\r\\nGo to %REDIRECT_LOCATION for %ROUTE";

    private readonly ScriptedBackend _backend = new((_, _) =>
        new ScriptedReply("HTTP/1.1 200 OK\r\nServer: backend/1.0\r\nContent-Length: 2\r\n\r\nok"));

    private ToriiProcess _torii = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("torii-actions-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "404.http"), "HTTP/1.1 404 Not Found\nX-Request: %REQUEST_ID\n\nnothing at %ROUTE (%PHASE: %MESSAGE)");
        await File.WriteAllTextAsync(Path.Combine(directory, "503.http"), "HTTP/1.1 503 Service Unavailable\n\ncluster %CLUSTER_ID has no backend");
        var backend = $"backends = [{{ address = \"127.0.0.1:{_backend.Port}\", backend_id = \"app-1\" }}]";
        _torii = await ToriiProcess.StartAsync($$"""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{{_port}}"
            answers = { "404" = "404.http" }

            [clusters.app]
            protocol = "http"
            www_authenticate = "App"
            authorized_hashes = ["admin:{{Hash("secret")}}"]
            {{backend}}

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "p301.test"
            redirect = "permanent"

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "p302.test"
            redirect = "found"
            redirect_scheme = "use-https"

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "p308.test"
            redirect = "permanent_redirect"
            redirect_scheme = "use-https"
            rewrite_host = "new.test"
            rewrite_port = 8443

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "moved.test"
            path = "^/old/(.*)$"
            path_type = "REGEX"
            redirect = "permanent"
            rewrite_path = "/new/$PATH[1]"

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "template.test"
            redirect = "permanent"
            redirect_template = "{{Template}}"

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "closed.test"
            redirect = "unauthorized"

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "*.shop.test"
            path = "^/old/(.*)$"
            path_type = "REGEX"
            rewrite_host = "$HOST[1].internal"
            rewrite_path = "/new/$PATH[1]"

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "edit.test"
            headers = [
              { position = "request", key = "X-Env", value = "prod" },
              { position = "request", key = "Cookie", value = "" },
              { position = "response", key = "Server", value = "" },
              { position = "response", key = "X-Frame-Options", value = "DENY" },
              { position = "both", key = "X-Both", value = "yes" },
            ]

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "private.test"
            required_auth = true

            [[clusters.app.frontends]]
            address = "127.0.0.1:{{_port}}"
            hostname = "plain.test"

            [clusters.empty]
            protocol = "http"
            answers = { "503" = "503.http" }
            frontends = [{ address = "127.0.0.1:{{_port}}", hostname = "empty.test" }]

            [clusters.secure]
            protocol = "http"
            https_redirect = true
            https_redirect_port = 8443
            frontends = [{ address = "127.0.0.1:{{_port}}", hostname = "secure.test" }]
            {{backend}}
            """, directory);
    }

    public async Task DisposeAsync()
    {
        await _torii.DisposeAsync();
        _backend.Dispose();
    }

    [Theory]
    [InlineData("p301.test", 301, "http://p301.test:{port}/a/b?c=1")]
    [InlineData("p302.test", 302, "https://p302.test/a/b?c=1")]
    [InlineData("p308.test", 308, "https://new.test:8443/a/b?c=1")]
    [InlineData("secure.test", 301, "https://secure.test:8443/a/b?c=1")]
    public async Task Each_redirect_answers_its_code_with_the_location_keeping_path_and_query(string host, int status, string location)
    {
        var response = await Send($"GET /a/b?c=1 HTTP/1.1\r\nHost: {host}:{_port}\r\n\r\n");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(location.Replace("{port}", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), response.Header("Location"));
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task A_redirect_uses_the_rewritten_path()
    {
        var response = await Send("GET /old/x/y?q=1 HTTP/1.1\r\nHost: moved.test\r\n\r\n");

        Assert.Equal(301, response.StatusCode);
        Assert.Equal("http://moved.test/new/x/y?q=1", response.Header("Location"));
    }

    [Fact]
    public async Task A_redirect_template_gets_its_variables_filled()
    {
        var response = await Send("GET /page HTTP/1.1\r\nHost: template.test\r\n\r\n");

        Assert.Equal(301, response.StatusCode);
        Assert.Equal("http://template.test/page", response.Header("Location"));
        Assert.Matches("^[0-9A-Za-z]{10,}$", response.Header("X-Id"));
        Assert.Equal("Go to http://template.test/page for GET template.test/page", response.Body);
    }

    [Fact]
    public async Task The_unauthorized_policy_answers_401_with_the_cluster_realm()
    {
        var response = await Send("GET / HTTP/1.1\r\nHost: closed.test\r\n\r\n");

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Basic realm=\"App\"", response.Header("WWW-Authenticate"));
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task The_backend_sees_the_rewritten_host_and_target_with_the_original_host_beside_them()
    {
        var response = await Send("GET /old/items/7?sort=asc HTTP/1.1\r\nHost: acme.shop.test\r\n\r\n");

        Assert.Equal(200, response.StatusCode);
        var request = Assert.Single(_backend.Requests);
        Assert.StartsWith("GET /new/items/7?sort=asc HTTP/1.1\r\n", request);
        Assert.Contains("\r\nHost: acme.internal\r\n", request);
        Assert.Contains("\r\nX-Forwarded-Host: acme.shop.test\r\n", request);
        Assert.DoesNotContain("\r\nHost: acme.shop.test", request);
    }

    [Fact]
    public async Task Header_edits_apply_to_the_request_and_to_the_response()
    {
        var response = await Send("GET / HTTP/1.1\r\nHost: edit.test\r\nX-Env: dev\r\nCookie: session=1\r\nAccept: */*\r\n\r\n");

        var request = Assert.Single(_backend.Requests);
        Assert.Contains("\r\nX-Env: prod\r\n", request);
        Assert.DoesNotContain("dev", request);
        Assert.DoesNotContain("Cookie", request);
        Assert.Contains("\r\nX-Both: yes\r\n", request);
        Assert.Contains("\r\nAccept: */*\r\n", request);

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Header("Server"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("yes", response.Header("X-Both"));
        Assert.Equal("ok", response.Body);
    }

    [Fact]
    public async Task A_frontend_without_actions_is_forwarded_untouched()
    {
        var response = await Send("GET /x HTTP/1.1\r\nHost: plain.test\r\nCookie: a=1\r\n\r\n");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("backend/1.0", response.Header("Server"));
        Assert.Null(response.Header("Strict-Transport-Security"));
        Assert.Contains("\r\nCookie: a=1\r\n", Assert.Single(_backend.Requests));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("admin:wrong", 401)]
    [InlineData("root:secret", 401)]
    [InlineData("admin:secret", 200)]
    public async Task Basic_auth_lets_only_valid_credentials_through(string? credentials, int status)
    {
        var authorization = credentials is null ? string.Empty : $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))}\r\n";

        var response = await Send($"GET /private HTTP/1.1\r\nHost: private.test\r\n{authorization}\r\n");

        Assert.Equal(status, response.StatusCode);
        if (status == 401)
        {
            Assert.Equal("Basic realm=\"App\"", response.Header("WWW-Authenticate"));
            Assert.Empty(_backend.Requests);
        }
        else
        {
            // As in Sōzu, the credentials travel on to the backend; a REQUEST header edit with an empty value removes them.
            Assert.Contains(authorization, Assert.Single(_backend.Requests));
        }

        Assert.DoesNotContain("secret", _torii.Output);
    }

    [Fact]
    public async Task Answer_templates_fill_their_variables_escaped()
    {
        var notFound = await Send("GET /<b>?x HTTP/1.1\r\nHost: nowhere.test\r\n\r\n");
        var unavailable = await Send("GET / HTTP/1.1\r\nHost: empty.test\r\n\r\n");

        Assert.Equal(404, notFound.StatusCode);
        Assert.Matches("^[0-9A-Za-z]{10,}$", notFound.Header("X-Request"));
        Assert.Equal("nothing at GET nowhere.test/&lt;b&gt; (routing: no frontend matches this request)", notFound.Body);
        Assert.Equal(503, unavailable.StatusCode);
        Assert.Equal("cluster empty has no backend", unavailable.Body);
    }

    [Fact]
    public async Task Bad_actions_are_refused_with_a_clear_error_and_change_nothing()
    {
        var before = (await _torii.MustAsync(new Request { ListFrontends = new FrontendFilters() })).Content.FrontendList.HttpFrontends.Count;
        var hstsOnHttp = Requests.Frontend("app", _port, "hsts.test");
        hstsOnHttp.Hsts = new HstsConfig { Enabled = true };
        var badTemplate = Requests.Frontend("app", _port, "bad.test");
        badTemplate.Redirect = RedirectPolicy.Permanent;
        badTemplate.RedirectTemplate = "HTTP/1.1 301 Moved\r\nLocation: %REDIRECT_LOCATON\r\n\r\n";
        var badRewrite = Requests.Frontend("app", _port, "rewrite.test");
        badRewrite.RewriteHost = "$HOST[1].internal";

        await AssertRefusedAsync(new Request { AddHttpFrontend = hstsOnHttp }, "RFC 6797");
        await AssertRefusedAsync(new Request { AddHttpFrontend = badTemplate }, "%REDIRECT_LOCATON");
        await AssertRefusedAsync(new Request { AddHttpFrontend = badRewrite }, "$HOST[1] does not exist");
        await AssertRefusedAsync(new Request { AddCluster = new Cluster { ClusterId = "app", AuthorizedHashes = { "admin:not-a-hash" } } }, "authorized_hashes[0]");

        Assert.Equal(before, (await _torii.MustAsync(new Request { ListFrontends = new FrontendFilters() })).Content.FrontendList.HttpFrontends.Count);
        Assert.Equal(200, (await Send($"GET /private HTTP/1.1\r\nHost: private.test\r\nAuthorization: Basic {Convert.ToBase64String("admin:secret"u8.ToArray())}\r\n\r\n")).StatusCode);
    }

    [Fact]
    public async Task The_cli_adds_a_frontend_with_actions_and_lists_them()
    {
        var add = await _torii.CliAsync("frontend", "http", "add", "--address", $"127.0.0.1:{_port}", "--hostname", "cli.test", "--id", "app",
            "--redirect", "found", "--redirect-scheme", "use-https", "--header", "response:X-Cli=1");
        Assert.True(add.ExitCode == 0, add.ToString());

        var response = await Send("GET /z HTTP/1.1\r\nHost: cli.test\r\n\r\n");
        Assert.Equal(302, response.StatusCode);
        Assert.Equal("https://cli.test/z", response.Header("Location"));

        var list = await _torii.CliAsync("frontend", "list", "--domain", "cli.test");
        Assert.Contains("ACTIONS", list.StandardOutput);
        Assert.Contains("redirect 302 https, 1 header edit(s)", list.StandardOutput);
    }

    private async Task AssertRefusedAsync(Request request, string reason)
    {
        var response = await _torii.SendAsync(request);
        Assert.Equal(ResponseStatus.Failure, response.Status);
        Assert.Contains(reason, response.Message, StringComparison.Ordinal);
    }

    private async Task<RawHttpResponse> Send(string request)
    {
        await using var connection = await RawHttpConnection.OpenAsync(_port);
        return await connection.SendAsync(request);
    }

    private static string Hash(string password) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
}
