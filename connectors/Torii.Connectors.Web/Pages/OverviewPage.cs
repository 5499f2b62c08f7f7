using System.Globalization;
using Torii.Connectors.Web.Live;
using Torii.Connectors.Web.Proxy;

namespace Torii.Connectors.Web.Pages;

/// <summary>Listeners, the four live charts (drawn by app.js from /api/metrics and the metrics events), and the event feed.</summary>
internal static class OverviewPage
{
    private static readonly (string Key, string Title, string Unit)[] Charts =
    [
        ("requestRate", "Requests", "req/s"),
        ("errorRate", "Errors answered by the proxy", "err/s"),
        ("latency", "Latency p50 / p99", "ms"),
        ("connections", "Open client connections", ""),
    ];

    public static Markup Render(PageContext context, ConsoleState state, IReadOnlyList<FeedEntry> feed)
    {
        Markup charts = Html.Join(Charts.Select(chart => Html.Of($"""
            <figure class="chart"><figcaption>{chart.Title} <span class="value" data-value="{chart.Key}"></span> <span class="unit">{chart.Unit}</span></figcaption>
            <svg data-chart="{chart.Key}" viewBox="0 0 900 120" preserveAspectRatio="none" role="img" aria-label="{chart.Title}, last 15 minutes"></svg></figure>
            """)));
        Markup live = Html.Of($"""
            {ProxyStatus.Render(state)}
            <section><h2>Listeners</h2>{Listeners(state.Listeners)}</section>
            <section><h2>Events</h2>{Feed(feed)}</section>
            """);
        Markup top = Html.Of($"<section class=\"charts\"><h2>Last 15 minutes</h2>{charts}</section>");
        return Layout.Page("Overview", "/", context, live, Markup.Empty, above: top);
    }

    private static Markup Listeners(IReadOnlyList<ListenerView> listeners) =>
        listeners.Count == 0
            ? Html.Of($"<p>No listener.</p>")
            : Html.Of($"""
                <table><thead><tr><th>Protocol</th><th>Address</th><th>State</th></tr></thead><tbody>
                {listeners.Select(listener => Html.Of($"<tr><td>{listener.Protocol}</td><td>{listener.Address}</td><td>{(listener.Active ? "active" : "inactive")}</td></tr>"))}
                </tbody></table>
                """);

    private static Markup Feed(IReadOnlyList<FeedEntry> feed) =>
        feed.Count == 0
            ? Html.Of($"<p id=\"feed-empty\">No event since torii-web started.</p>")
            : Html.Of($"""
                <table id="feed"><thead><tr><th>#</th><th>Time (UTC)</th><th>Event</th><th>Cluster</th><th>Backend</th><th>Address</th><th>Detail</th><th>By</th></tr></thead><tbody>
                {feed.Select(entry => Html.Of($"<tr><td>{entry.Sequence}</td><td>{entry.Time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}</td><td>{entry.Kind}</td><td>{entry.ClusterId}</td><td>{entry.BackendId}</td><td>{entry.Address}</td><td>{entry.Detail}</td><td>{entry.Peer}</td></tr>"))}
                </tbody></table>
                """);
}
