using Torii.Protocol;

namespace Torii.Config.Tests.Config;

/// <summary>Sōzu's config.toml keys for routing actions, on frontends, clusters and https listeners.</summary>
public sealed class FrontendActionsConfigTests : IDisposable
{
    private const string Listeners = """
        [[listeners]]
        protocol = "http"
        address = "127.0.0.1:8080"

        [[listeners]]
        protocol = "https"
        address = "127.0.0.1:8443"
        hsts = { enabled = true, max_age = 600, include_subdomains = true }

        """;

    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_action_key_reaches_its_field()
    {
        var config = _folder.Load(Listeners + """
            [clusters.app]
            protocol = "http"
            www_authenticate = "App"
            authorized_hashes = ["admin:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"]

            [[clusters.app.frontends]]
            address = "127.0.0.1:8080"
            hostname = "old.example.com"
            redirect = "permanent_redirect"
            redirect_scheme = "use-https"
            redirect_template = "HTTP/1.1 308 Moved\r\nLocation: %REDIRECT_LOCATION\r\n\r\n"
            rewrite_host = "new.example.com"
            rewrite_path = "/v2"
            rewrite_port = 8443
            required_auth = true

            [[clusters.app.frontends.headers]]
            position = "request"
            key = "X-Env"
            value = "prod"

            [[clusters.app.frontends.headers]]
            position = "response"
            key = "Server"
            value = ""

            [[clusters.app.frontends]]
            address = "127.0.0.1:8443"
            hostname = "secure.example.com"

            [clusters.app.frontends.hsts]
            enabled = true
            preload = true
            force_replace_backend = true
            """);

        var cluster = config.Requests[2].Request.AddCluster;
        var http = config.Requests[3].Request.AddHttpFrontend;
        var https = config.Requests[4].Request.AddHttpsFrontend;
        var listener = config.Requests[1].Request.AddHttpsListener;

        Assert.Equal(["admin:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"], cluster.AuthorizedHashes);
        Assert.Equal("App", cluster.WwwAuthenticate);
        Assert.Equal(RedirectPolicy.PermanentRedirect, http.Redirect);
        Assert.Equal(RedirectScheme.UseHttps, http.RedirectScheme);
        Assert.Equal("HTTP/1.1 308 Moved\r\nLocation: %REDIRECT_LOCATION\r\n\r\n", http.RedirectTemplate);
        Assert.Equal(("new.example.com", "/v2", 8443u, true), (http.RewriteHost, http.RewritePath, http.RewritePort, http.RequiredAuth));
        Assert.Equal(
            [new Header { Position = HeaderPosition.Request, Key = "X-Env", Val = "prod" }, new Header { Position = HeaderPosition.Response, Key = "Server", Val = "" }],
            http.Headers);
        Assert.Equal(new HstsConfig { Enabled = true, Preload = true, ForceReplaceBackend = true }, https.Hsts);
        Assert.Equal(new HstsConfig { Enabled = true, MaxAge = 600, IncludeSubdomains = true }, listener.Hsts);
    }

    [Theory]
    [InlineData("""
        [[clusters.app.frontends]]
        address = "127.0.0.1:8080"
        hostname = "a.example.com"
        hsts = { enabled = true }
        """, "RFC 6797")]
    [InlineData("""
        [[clusters.app.frontends]]
        address = "127.0.0.1:8443"
        hostname = "a.example.com"
        hsts = { max_age = 5 }
        """, "needs 'enabled'")]
    [InlineData("""
        [[clusters.app.frontends]]
        address = "127.0.0.1:8080"
        hostname = "a.example.com"
        redirect_scheme = "use-ftp"
        """, "unknown redirect_scheme 'use-ftp'")]
    [InlineData("""
        [[clusters.app.frontends]]
        address = "127.0.0.1:8080"
        hostname = "a.example.com"
        headers = [{ key = "X-A", value = "1" }]
        """, "needs 'position'")]
    [InlineData("""
        [[clusters.app.frontends]]
        address = "127.0.0.1:8080"
        hostname = "a.example.com"
        rewrite_port = 70000
        """, "rewrite_port")]
    public void Bad_action_keys_are_refused_where_they_are(string frontend, string reason)
    {
        var error = _folder.LoadError(Listeners + "[clusters.app]\nprotocol = \"http\"\n" + frontend);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Hsts_on_an_http_listener_is_refused()
    {
        var error = _folder.LoadError("""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            hsts = { enabled = true }
            """);
        Assert.Contains("hsts", error.Reason);
    }
}
