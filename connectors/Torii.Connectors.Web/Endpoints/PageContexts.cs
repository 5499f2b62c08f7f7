using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Torii.Connectors.Web.Pages;
using Torii.Connectors.Web.Security;

namespace Torii.Connectors.Web.Endpoints;

internal static class PageContexts
{
    public static PageContext For(HttpContext context, IAntiforgery antiforgery)
    {
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        return new PageContext(
            context.User.Identity?.Name ?? "",
            ConsoleClaims.IsAdmin(context.User),
            tokens.FormFieldName,
            tokens.RequestToken ?? "",
            context.Request.Query["message"].FirstOrDefault(),
            context.Request.Query["error"].FirstOrDefault());
    }
}
