using System.Net;
using Torii.Client;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.Connectors.Web.Tests.EndToEnd;

/// <summary>The forms' changes as the proxy sees them, posted over HTTP with a signed-in admin session.</summary>
public sealed class ChangeTests : IAsyncLifetime
{
    private WebConsole _console = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _console = await WebConsole.StartAsync();
        _admin = await ConsoleSession.SignInAsync(_console, "admin", WebConsole.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _console.DisposeAsync();
    }

    [Fact]
    public async Task Drain_sets_weight_zero_then_removes_the_backend_once_it_has_no_connection()
    {
        await _console.Torii.MustAsync(Requests.Cluster("app"));
        await _console.Torii.MustAsync(Requests.Backend("app", "b1", 9, weight: 50));
        await using EventSubscription events = await _console.Torii.Client.OpenEventSubscriptionAsync();

        using HttpResponseMessage response = await PostAsync("/backends/drain", new() { ["cluster_id"] = "app", ["backend_id"] = "b1" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("is%20draining", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<EventKind>();
        while (seen.Count < 3)
        {
            Event change;
            try
            {
                change = await events.NextAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"saw only {string.Join(", ", seen)}; torii-web said:\n{_console.Output}");
                throw;
            }

            if (change.BackendId == "b1")
            {
                seen.Add(change.Kind);
            }
        }

        Assert.Equal([EventKind.BackendRemoved, EventKind.BackendAdded, EventKind.BackendRemoved], seen);
        Assert.Empty((await _console.Torii.Client.QueryClusterByIdAsync("app")).Vec.Single().Backends);
    }

    [Fact]
    public async Task A_frontend_added_by_form_routes_and_its_remove_button_removes_exactly_it()
    {
        await using TestBackend backend = await TestBackend.StartAsync("routed");
        await _console.Torii.MustAsync(Requests.Cluster("app"));
        await _console.Torii.MustAsync(Requests.Backend("app", "b1", backend));

        using HttpResponseMessage added = await PostAsync("/frontends/add", new()
        {
            ["cluster_id"] = "app", ["listener"] = $"HTTP|127.0.0.1:{_console.HttpPort}", ["hostname"] = "form.test", ["path"] = "/api",
        });
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Contains("routed /api/x", (await RawHttpConnection.GetAsync(_console.HttpPort, "form.test", "/api/x")).Body, StringComparison.Ordinal);

        string page = await _admin.GetStringAsync("/clusters");
        string removal = System.Text.RegularExpressions.Regex.Match(page, "action=\"/frontends/remove\".*?name=\"request\" value=\"([^\"]+)\"").Groups[1].Value;
        using HttpResponseMessage removed = await PostAsync("/frontends/remove", new() { ["request"] = WebUtility.HtmlDecode(removal) });
        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.Empty((await _console.Torii.Client.QueryClusterByIdAsync("app")).Vec.Single().HttpFrontends);
    }

    [Fact]
    public async Task The_remove_buttons_of_a_backend_and_a_cluster_remove_them()
    {
        await _console.Torii.MustAsync(Requests.Cluster("app"));
        await _console.Torii.MustAsync(Requests.Backend("app", "b1", 9));
        string page = await _admin.GetStringAsync("/clusters");
        string address = System.Text.RegularExpressions.Regex.Match(page, "action=\"/backends/remove\".*?name=\"address\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal("127.0.0.1:9", address);

        using HttpResponseMessage backend = await PostAsync("/backends/remove", new() { ["cluster_id"] = "app", ["backend_id"] = "b1", ["address"] = address });
        Assert.Contains("backend%20b1%20removed", backend.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty((await _console.Torii.Client.QueryClusterByIdAsync("app")).Vec.Single().Backends);

        using HttpResponseMessage cluster = await PostAsync("/clusters/remove", new() { ["cluster_id"] = "app" });
        Assert.Contains("message=", cluster.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False((await _console.Torii.Client.QueryClustersHashesAsync()).Map.ContainsKey("app"));
    }

    [Fact]
    public async Task A_refused_change_comes_back_as_the_proxy_message_on_the_page()
    {
        using HttpResponseMessage response = await PostAsync("/backends/add", new()
        {
            ["cluster_id"] = "missing", ["backend_id"] = "b1", ["address"] = "127.0.0.1:9",
        });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        string page = await _admin.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("class=\"error\"", page, StringComparison.Ordinal);
        Assert.Contains("missing", page, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string> fields)
    {
        fields["__antiforgery"] = await ConsoleSession.TokenAsync(_admin, "/clusters");
        return await ConsoleSession.PostAsync(_admin, action, fields);
    }
}
