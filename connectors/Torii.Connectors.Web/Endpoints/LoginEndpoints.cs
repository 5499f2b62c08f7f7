using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Torii.Connectors.Web.Pages;
using Torii.Connectors.Web.Security;
using Torii.Connectors.Web.Settings;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>GET/POST /login and POST /logout. The login form carries an anti-forgery token too, so another site cannot sign a browser in.</summary>
internal static class LoginEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, IAntiforgery antiforgery) =>
            WriteFormAsync(context, antiforgery, error: null, StatusCodes.Status200OK)).AllowAnonymous();

        app.MapPost("/login", async (HttpContext context, IAntiforgery antiforgery, WebSettings settings, LoginThrottle throttle, ILogger<LoginThrottle> logger) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                await WriteFormAsync(context, antiforgery, "The form expired; sign in again.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
                return;
            }

            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            string user = form["user"].ToString();
            string client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.IsBlocked(client, user))
            {
                LoginLog.Throttled(logger, user, client);
                context.Response.Headers.RetryAfter = ((int)LoginThrottle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteFormAsync(context, antiforgery, "Too many failed sign-ins; wait a minute.", StatusCodes.Status429TooManyRequests).ConfigureAwait(false);
                return;
            }

            WebAccount? account = settings.Users.FirstOrDefault(candidate => candidate.Name == user);
            // An unknown user costs the same hash as a known one, so timing does not tell which names exist.
            bool valid = PasswordHash.Verify(form["password"].ToString(), account?.SecretHash ?? UnknownUserHash.Value) && account is not null;
            if (!valid)
            {
                throttle.RecordFailure(client, user);
                LoginLog.Failed(logger, user, client);
                await WriteFormAsync(context, antiforgery, "Wrong user or password.", StatusCodes.Status401Unauthorized).ConfigureAwait(false);
                return;
            }

            LoginLog.SignedIn(logger, user, client);
            await context.SignInAsync(ConsoleClaims.CookieScheme, ConsoleClaims.For(account!, ConsoleClaims.CookieScheme)).ConfigureAwait(false);
            context.Response.Redirect(LocalPath(form["return"].ToString()), permanent: false);
        }).AllowAnonymous();

        app.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(ConsoleClaims.CookieScheme).ConfigureAwait(false);
            return Results.Redirect("/login");
        }).RequireAuthorization();
    }

    private static readonly Lazy<string> UnknownUserHash = new(() => PasswordHash.Create(Guid.NewGuid().ToString()));

    private static Task WriteFormAsync(HttpContext context, IAntiforgery antiforgery, string? error, int statusCode)
    {
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        string returnUrl = context.Request.HasFormContentType ? "/" : LocalPath(context.Request.Query["ReturnUrl"].ToString());
        return HtmlResult.WriteAsync(context, LoginPage.Render(tokens.FormFieldName, tokens.RequestToken ?? "", error, returnUrl), statusCode);
    }

    /// <summary>Only a path on this site: a return address pointing elsewhere would make the login page an open redirect.</summary>
    private static string LocalPath(string candidate) =>
        candidate.StartsWith('/') && !candidate.StartsWith("//", StringComparison.Ordinal) && !candidate.StartsWith("/\\", StringComparison.Ordinal)
            ? candidate
            : "/";
}
