namespace Torii.Connectors.Web.Pages;

/// <summary>The frame of every page: navigation, who is signed in, the outcome of the last change, and the live region.</summary>
internal static class Layout
{
    public static Markup Page(string title, string active, PageContext context, Markup live, Markup forms, int refreshSeconds = 0, Markup above = default)
    {
        Markup nav = Html.Join(new[] { ("/", "Overview"), ("/clusters", "Clusters"), ("/certificates", "Certificates") }.Select(link =>
            link.Item1 == active
                ? Html.Of($"<a href=\"{link.Item1}\" aria-current=\"page\">{link.Item2}</a>")
                : Html.Of($"<a href=\"{link.Item1}\">{link.Item2}</a>")));
        Markup notice = context.Error is not null
            ? Html.Of($"<p class=\"error\" role=\"alert\">{context.Error}</p>")
            : context.Message is not null ? Html.Of($"<p class=\"notice\">{context.Message}</p>") : Markup.Empty;
        string role = context.IsAdmin ? "admin" : "read-only";
        return Html.Of($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · torii-web</title>
            <link rel="stylesheet" href="/assets/app.css">
            <script src="/assets/app.js" defer></script>
            </head>
            <body data-refresh="{refreshSeconds}">
            <header><strong>torii</strong><nav>{nav}</nav>
            <span class="who">{context.UserName} ({role}) <span id="connection" class="connection">connecting…</span>
            <form method="post" action="/logout" class="inline">{context.TokenInput}<button type="submit">Sign out</button></form></span></header>
            <main>
            <h1>{title}</h1>
            {notice}
            {above}
            <div id="live">{live}</div>
            {forms}
            </main>
            </body>
            </html>
            """);
    }
}
