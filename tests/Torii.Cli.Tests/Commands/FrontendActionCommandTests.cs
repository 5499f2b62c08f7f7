using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class FrontendActionCommandTests
{
    private const string Add = "frontend https add --address 127.0.0.1:8443 --hostname a.example.com --id app";

    [Fact]
    public void Action_flags_set_the_frontend_fields()
    {
        var frontend = RequestFor($"{Add} --redirect permanent-redirect --redirect-scheme use-https --rewrite-host new.example.com --rewrite-path /v2 --rewrite-port 8443 --required-auth --header request:X-Env=prod --header response:Server= --hsts-max-age 600 --hsts-include-subdomains").AddHttpsFrontend;

        Assert.Equal(RedirectPolicy.PermanentRedirect, frontend.Redirect);
        Assert.Equal(RedirectScheme.UseHttps, frontend.RedirectScheme);
        Assert.Equal(("new.example.com", "/v2", 8443u, true), (frontend.RewriteHost, frontend.RewritePath, frontend.RewritePort, frontend.RequiredAuth));
        Assert.Equal(
            [new Header { Position = HeaderPosition.Request, Key = "X-Env", Val = "prod" }, new Header { Position = HeaderPosition.Response, Key = "Server", Val = "" }],
            frontend.Headers);
        Assert.Equal(new HstsConfig { Enabled = true, MaxAge = 600, IncludeSubdomains = true, Preload = false, ForceReplaceBackend = false }, frontend.Hsts);
    }

    [Fact]
    public void Without_action_flags_no_action_field_is_set()
    {
        var frontend = RequestFor(Add).AddHttpsFrontend;

        Assert.False(frontend.HasRedirect || frontend.HasRequiredAuth || frontend.HasRewriteHost || frontend.HasRewritePort);
        Assert.Empty(frontend.Headers);
        Assert.Null(frontend.Hsts);
    }

    [Fact]
    public void Hsts_disabled_is_an_explicit_disable_and_excludes_the_other_hsts_flags()
    {
        Assert.Equal(new HstsConfig { Enabled = false }, RequestFor($"{Add} --hsts-disabled").AddHttpsFrontend.Hsts);
        Assert.Contains("--hsts-disabled", RefusalOf($"{Add} --hsts-disabled --hsts-preload"));
    }

    [Theory]
    [InlineData("--header X-A=1")]
    [InlineData("--header sideways:X-A=1")]
    [InlineData("--header request:=1")]
    public void A_malformed_header_flag_is_refused(string flag)
    {
        Assert.Contains("request|response|both:NAME=VALUE", RefusalOf($"{Add} {flag}"));
    }

    [Fact]
    public void Cluster_add_takes_basic_auth_credentials_and_realm()
    {
        var cluster = RequestFor("cluster add --id app --authorized-hash admin:aa --authorized-hash ops:bb --www-authenticate App").AddCluster;

        Assert.Equal(["admin:aa", "ops:bb"], cluster.AuthorizedHashes);
        Assert.Equal("App", cluster.WwwAuthenticate);
    }
}
