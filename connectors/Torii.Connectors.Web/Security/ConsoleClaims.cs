using System.Security.Claims;
using Torii.Connectors.Web.Settings;

namespace Torii.Connectors.Web.Security;

internal static class ConsoleClaims
{
    public const string AdminRole = "admin";
    public const string ReadOnlyRole = "read-only";
    public const string CookieScheme = "cookie";
    public const string BearerScheme = "bearer";
    public const string ConsoleScheme = "console";

    public static ClaimsPrincipal For(WebAccount account, string scheme) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role == WebRole.Admin ? AdminRole : ReadOnlyRole)],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role));

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(AdminRole);

    /// <summary>A bearer request carries no cookie a third-party page could make the browser send: no anti-forgery token is needed.</summary>
    public static bool ByBearer(ClaimsPrincipal user) => user.Identity?.AuthenticationType == BearerScheme;
}
