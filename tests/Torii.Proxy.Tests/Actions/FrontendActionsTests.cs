using Torii.Protocol;
using Torii.Proxy.Actions;

namespace Torii.Proxy.Tests.Actions;

public sealed class FrontendActionsTests
{
    [Fact]
    public void A_frontend_that_only_forwards_has_no_actions()
    {
        Assert.Null(FrontendActions.From(Frontend(), isHttps: true));
        Assert.Null(FrontendActions.From(Frontend(f => f.Redirect = RedirectPolicy.Forward), isHttps: true));
    }

    [Fact]
    public void Hsts_on_an_http_frontend_is_refused_but_an_explicit_disable_is_harmless()
    {
        var error = Assert.Throws<ArgumentException>(() => FrontendActions.From(Frontend(f => f.Hsts = new HstsConfig { Enabled = true }), isHttps: false));
        Assert.Contains("RFC 6797", error.Message);
        Assert.NotNull(FrontendActions.From(Frontend(f => f.Hsts = new HstsConfig { Enabled = false }), isHttps: false));
    }

    [Fact]
    public void Hsts_without_enabled_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FrontendActions.From(Frontend(f => f.Hsts = new HstsConfig { MaxAge = 10 }), isHttps: true));
        Assert.Contains("hsts.enabled is required", error.Message);
    }

    [Theory]
    [InlineData(HeaderPosition.Unspecified, "X-A", "1", "position must be")]
    [InlineData(HeaderPosition.Request, "Content-Length", "1", "managed by the proxy")]
    [InlineData(HeaderPosition.Response, "Transfer-Encoding", "", "managed by the proxy")]
    [InlineData(HeaderPosition.Both, "Bad Name", "1", "not an HTTP header name")]
    [InlineData(HeaderPosition.Request, "X-A", "a\r\nX-Injected: 1", "control characters")]
    public void Header_edits_that_could_break_framing_are_refused(HeaderPosition position, string key, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => FrontendActions.From(Frontend(f => f.Headers.Add(new Header { Position = position, Key = key, Val = value })), isHttps: true));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Both_puts_an_edit_on_each_side()
    {
        var actions = FrontendActions.From(Frontend(f =>
        {
            f.Headers.Add(new Header { Position = HeaderPosition.Both, Key = "X-Both", Val = "1" });
            f.Headers.Add(new Header { Position = HeaderPosition.Response, Key = "Server", Val = "" });
        }), isHttps: false)!;
        Assert.Single(actions.RequestHeaders);
        Assert.Equal(2, actions.ResponseHeaders.Length);
        Assert.True(actions.ResponseHeaders[1].Deletes);
        Assert.NotNull(actions.HeaderOnlyEdit);
    }

    [Fact]
    public void A_bad_redirect_template_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FrontendActions.From(Frontend(f => f.RedirectTemplate = "Location: %REDIRECT_LOCATION"), isHttps: false));
        Assert.Contains("redirect_template", error.Message);
        var unknown = Assert.Throws<ArgumentException>(() => FrontendActions.From(Frontend(f => f.RedirectTemplate = "HTTP/1.1 301 Moved\r\nLocation: %REDIRECT_LOCATON\r\n\r\n"), isHttps: false));
        Assert.Contains("%REDIRECT_LOCATON", unknown.Message);
    }

    [Fact]
    public void Rewrite_captures_are_checked_against_the_frontend_rule()
    {
        Assert.Throws<ArgumentException>(() => FrontendActions.From(Frontend(f => f.RewritePath = "/$PATH[1]"), isHttps: false));
        var regex = FrontendActions.From(Frontend(f =>
        {
            f.Hostname = "*.example.com";
            f.Path = new PathRule { Kind = PathRuleKind.Regex, Value = "^/old/(.*)$" };
            f.RewritePath = "/new/$PATH[1]";
            f.RewriteHost = "$HOST[1].internal";
        }), isHttps: false)!;
        Assert.True(regex.NeedsCaptures);
        Assert.NotNull(regex.PathRegex);
    }

    [Fact]
    public void Response_edits_follow_the_listener_default_unless_the_frontend_overrides_it()
    {
        var listener = HstsPolicy.From(new HstsConfig { Enabled = true, MaxAge = 100 }, "hsts");
        var inheriting = FrontendActions.From(Frontend(f => f.Headers.Add(new Header { Position = HeaderPosition.Response, Key = "X-A", Val = "1" })), isHttps: true)!;
        var disabling = FrontendActions.From(Frontend(f => f.Hsts = new HstsConfig { Enabled = false }), isHttps: true)!;
        var overriding = FrontendActions.From(Frontend(f => f.Hsts = new HstsConfig { Enabled = true, IncludeSubdomains = true, Preload = true }), isHttps: true)!;

        Assert.Equal("max-age=100", inheriting.ResponseEditsFor(listener)!.Hsts!.Value);
        Assert.Same(inheriting.ResponseEditsFor(listener), inheriting.ResponseEditsFor(listener));
        Assert.Null(disabling.ResponseEditsFor(listener));
        Assert.Equal("max-age=31536000; includeSubDomains; preload", overriding.ResponseEditsFor(listener)!.Hsts!.Value);
        Assert.Null(inheriting.ResponseEditsFor(null)!.Hsts);
    }

    private static RequestHttpFrontend Frontend(Action<RequestHttpFrontend>? configure = null)
    {
        var frontend = new RequestHttpFrontend
        {
            ClusterId = "app",
            Hostname = "example.com",
            Path = new PathRule { Kind = PathRuleKind.Prefix, Value = "/" },
        };
        configure?.Invoke(frontend);
        return frontend;
    }
}
