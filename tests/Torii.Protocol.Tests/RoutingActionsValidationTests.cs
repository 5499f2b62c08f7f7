namespace Torii.Protocol.Tests;

/// <summary>The structural checks of Sōzu 2.0's routing-action fields, before anything reaches the state.</summary>
public sealed class RoutingActionsValidationTests
{
    public static TheoryData<string, Request, string> Refused => new()
    {
        { "hsts on http", new Request { AddHttpFrontend = With(f => f.Hsts = new HstsConfig { Enabled = true }) }, "add_http_frontend.hsts is not allowed on an HTTP frontend" },
        { "hsts without enabled", new Request { AddHttpsFrontend = With(f => f.Hsts = new HstsConfig { MaxAge = 1 }) }, "add_https_frontend.hsts.enabled is required" },
        { "listener hsts without enabled", new Request { AddHttpsListener = new HttpsListenerConfig { Address = SocketAddresses.Parse("127.0.0.1:443"), Hsts = new HstsConfig() } }, "add_https_listener.hsts.enabled is required" },
        { "update hsts without enabled", new Request { UpdateHttpsListener = new UpdateHttpsListenerConfig { Address = SocketAddresses.Parse("127.0.0.1:443"), Hsts = new HstsConfig() } }, "update_https_listener.hsts.enabled is required" },
        { "header position", new Request { AddHttpFrontend = With(f => f.Headers.Add(new Header { Key = "X-A", Val = "1" })) }, "headers[0].position must be REQUEST, RESPONSE or BOTH" },
        { "header key", new Request { AddHttpFrontend = With(f => f.Headers.Add(new Header { Position = HeaderPosition.Request, Key = "X A", Val = "1" })) }, "headers[0].key" },
        { "header value", new Request { AddHttpFrontend = With(f => f.Headers.Add(new Header { Position = HeaderPosition.Request, Key = "X-A", Val = "1\r\nX-B: 2" })) }, "headers[0].val contains a control character" },
        { "rewrite port", new Request { AddHttpFrontend = With(f => f.RewritePort = 0) }, "rewrite_port 0 is outside 1..65535" },
        { "redirect scheme", new Request { AddHttpFrontend = With(f => f.RedirectScheme = (RedirectScheme)7) }, "redirect_scheme 7" },
        { "hash shape", new Request { AddCluster = new Cluster { ClusterId = "a", AuthorizedHashes = { "admin:secret" } } }, "add_cluster.authorized_hashes[0] must be" },
        { "realm control", new Request { AddCluster = new Cluster { ClusterId = "a", WwwAuthenticate = "a\nb" } }, "add_cluster.www_authenticate contains a control character" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Malformed_action_fields_are_refused_with_their_name(string label, Request request, string expected)
    {
        var error = RequestValidator.Validate(request);
        Assert.True(error is not null && error.Contains(expected, StringComparison.Ordinal), $"{label}: {error}");
    }

    [Fact]
    public void A_credential_is_never_echoed_in_the_refusal()
    {
        var error = RequestValidator.Validate(new Request { AddCluster = new Cluster { ClusterId = "a", AuthorizedHashes = { "admin:hunter2" } } });
        Assert.DoesNotContain("hunter2", error);
    }

    [Fact]
    public void Well_formed_actions_pass()
    {
        Assert.Null(RequestValidator.Validate(new Request
        {
            AddHttpsFrontend = With(f =>
            {
                f.Redirect = RedirectPolicy.Found;
                f.RedirectScheme = RedirectScheme.UseHttps;
                f.RewritePort = 8443;
                f.Headers.Add(new Header { Position = HeaderPosition.Both, Key = "X-A", Val = "" });
                f.Hsts = new HstsConfig { Enabled = false };
            }),
        }));
        Assert.Null(RequestValidator.Validate(new Request { AddHttpFrontend = With(f => f.Hsts = new HstsConfig { Enabled = false }) }));
    }

    [Fact]
    public void A_listener_update_replaces_the_whole_hsts_policy()
    {
        var config = new HttpsListenerConfig { Hsts = new HstsConfig { Enabled = true, MaxAge = 5, Preload = true, IncludeSubdomains = true } };

        ListenerPatch.Apply(new UpdateHttpsListenerConfig { Hsts = new HstsConfig { Enabled = true, MaxAge = 10 } }, config);

        Assert.Equal(new HstsConfig { Enabled = true, MaxAge = 10 }, config.Hsts);
    }

    private static RequestHttpFrontend With(Action<RequestHttpFrontend> configure)
    {
        var frontend = SampleRequests.HttpFrontend();
        configure(frontend);
        return frontend;
    }
}
