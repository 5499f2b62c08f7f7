using System.Net;
using System.Net.Http.Headers;
using Torii.Client;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Web.Tests.EndToEnd;

/// <summary>The console's defences, checked over HTTP against the published torii-web and a real torii.</summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private WebConsole _console = null!;

    public async Task InitializeAsync() => _console = await WebConsole.StartAsync();

    public async Task DisposeAsync() => await _console.DisposeAsync();

    [Fact]
    public async Task Without_a_session_pages_redirect_to_the_login_and_the_api_answers_401()
    {
        using HttpClient client = _console.NewClient();
        foreach (string page in new[] { "/", "/clusters", "/certificates" })
        {
            using HttpResponseMessage response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        }

        foreach (string api in new[] { "/api/state", "/api/metrics", "/live" })
        {
            using HttpResponseMessage response = await client.GetAsync(api);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using HttpResponseMessage change = await ConsoleSession.PostAsync(client, "/clusters/add", new Dictionary<string, string> { ["cluster_id"] = "anonymous" });
        Assert.Equal(HttpStatusCode.Unauthorized, change.StatusCode);
        Assert.False(await ClusterExistsAsync("anonymous"));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        using HttpClient client = _console.NewClient();
        using HttpResponseMessage response = await ConsoleSession.TryLoginAsync(client, "admin", WebConsole.AdminPassword);
        string session = response.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("torii-web-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        // Served over plain HTTP here: a Secure cookie would never come back.
        Assert.DoesNotContain("secure;", session + ";", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_change_without_the_anti_forgery_token_is_refused_and_changes_nothing()
    {
        using HttpClient admin = await ConsoleSession.SignInAsync(_console, "admin", WebConsole.AdminPassword);
        using HttpResponseMessage forged = await ConsoleSession.PostAsync(admin, "/clusters/add", new Dictionary<string, string> { ["cluster_id"] = "forged" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(await ClusterExistsAsync("forged"));

        using HttpResponseMessage wrong = await ConsoleSession.PostAsync(admin, "/clusters/add",
            new Dictionary<string, string> { ["cluster_id"] = "forged", ["__antiforgery"] = "not-a-token" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.False(await ClusterExistsAsync("forged"));

        // The same form with the page's token goes through: the refusal above was the token's doing.
        string token = await ConsoleSession.TokenAsync(admin, "/clusters");
        using HttpResponseMessage genuine = await ConsoleSession.PostAsync(admin, "/clusters/add",
            new Dictionary<string, string> { ["cluster_id"] = "genuine", ["__antiforgery"] = token });
        Assert.Equal(HttpStatusCode.SeeOther, genuine.StatusCode);
        Assert.True(await ClusterExistsAsync("genuine"));
    }

    [Fact]
    public async Task A_cluster_id_holding_a_script_is_shown_as_text()
    {
        const string Hostile = "<script>alert(1)</script>";
        await _console.Torii.MustAsync(Requests.Cluster(Hostile));
        using HttpClient admin = await ConsoleSession.SignInAsync(_console, "admin", WebConsole.AdminPassword);
        string html = await admin.GetStringAsync("/clusters");
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_read_only_role_gets_403_on_every_change_and_changes_nothing()
    {
        await _console.Torii.MustAsync(Requests.Cluster("kept"));
        await _console.Torii.MustAsync(Requests.Backend("kept", "b1", 9));
        using HttpClient reader = await ConsoleSession.SignInAsync(_console, "reader", WebConsole.ReaderPassword);
        string html = await reader.GetStringAsync("/clusters");
        Assert.DoesNotContain("action=\"/clusters/add\"", html, StringComparison.Ordinal);
        string token = await ConsoleSession.TokenAsync(reader, "/clusters");
        var changes = new Dictionary<string, Dictionary<string, string>>
        {
            ["/clusters/add"] = new() { ["cluster_id"] = "new" },
            ["/clusters/remove"] = new() { ["cluster_id"] = "kept" },
            ["/frontends/add"] = new() { ["cluster_id"] = "kept", ["listener"] = $"HTTP|127.0.0.1:{_console.HttpPort}", ["hostname"] = "x.test" },
            ["/frontends/remove"] = new() { ["request"] = "" },
            ["/backends/add"] = new() { ["cluster_id"] = "kept", ["backend_id"] = "b2", ["address"] = "127.0.0.1:10" },
            ["/backends/remove"] = new() { ["cluster_id"] = "kept", ["backend_id"] = "b1" },
            ["/backends/drain"] = new() { ["cluster_id"] = "kept", ["backend_id"] = "b1" },
            ["/certificates/add"] = new() { ["address"] = $"127.0.0.1:{_console.HttpsPort}" },
            ["/certificates/remove"] = new() { ["address"] = $"127.0.0.1:{_console.HttpsPort}", ["fingerprint"] = "00" },
        };
        foreach (var (action, fields) in changes)
        {
            fields["__antiforgery"] = token;
            using HttpResponseMessage response = await ConsoleSession.PostAsync(reader, action, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{action} answered {(int)response.StatusCode}");
        }

        Assert.False(await ClusterExistsAsync("new"));
        ClusterInformations kept = await _console.Torii.Client.QueryClusterByIdAsync("kept");
        Assert.Equal(["b1"], kept.Vec.Single().Backends.Select(backend => backend.BackendId));
        Assert.Empty(kept.Vec.Single().HttpFrontends);
    }

    [Fact]
    public async Task A_bearer_token_reads_and_changes_without_a_session_and_a_wrong_one_gets_401()
    {
        using HttpClient client = _console.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebConsole.AdminToken);
        using HttpResponseMessage state = await client.GetAsync("/api/state");
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        using HttpResponseMessage added = await ConsoleSession.PostAsync(client, "/clusters/add", new Dictionary<string, string> { ["cluster_id"] = "by-token" });
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.True(await ClusterExistsAsync("by-token"));

        using HttpClient wrong = _console.NewClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guessed");
        using HttpResponseMessage refused = await wrong.GetAsync("/api/state");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Five_failed_logins_in_a_minute_then_even_the_right_password_gets_429()
    {
        using HttpClient client = _console.NewClient();
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            using HttpResponseMessage failed = await ConsoleSession.TryLoginAsync(client, "admin", "wrong" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using HttpResponseMessage limited = await ConsoleSession.TryLoginAsync(client, "admin", WebConsole.AdminPassword);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.False(limited.Headers.Contains("Set-Cookie") && limited.Headers.GetValues("Set-Cookie").Any(cookie => cookie.StartsWith("torii-web-session=", StringComparison.Ordinal)));
    }

    private async Task<bool> ClusterExistsAsync(string clusterId) =>
        (await _console.Torii.Client.QueryClustersHashesAsync()).Map.ContainsKey(clusterId);
}
