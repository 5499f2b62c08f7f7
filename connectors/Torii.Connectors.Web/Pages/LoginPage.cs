namespace Torii.Connectors.Web.Pages;

internal static class LoginPage
{
    public static Markup Render(string antiforgeryField, string antiforgeryToken, string? error, string returnUrl) =>
        Html.Of($"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · torii-web</title><link rel="stylesheet" href="/assets/app.css"></head>
            <body class="login">
            <main>
            <h1>torii</h1>
            {(error is null ? Markup.Empty : Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
            <form method="post" action="/login">
            <input type="hidden" name="{antiforgeryField}" value="{antiforgeryToken}">
            <input type="hidden" name="return" value="{returnUrl}">
            <label>User <input name="user" autocomplete="username" required autofocus></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            </form>
            </main>
            </body>
            </html>
            """);
}
