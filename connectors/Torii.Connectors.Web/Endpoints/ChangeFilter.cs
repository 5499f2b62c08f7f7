using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Torii.Connectors.Web.Security;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>
/// In front of every change: a read-only user gets 403 whatever else the request carries; a browser session
/// must send the anti-forgery token (400 otherwise); a bearer token needs none, a cross-site page cannot send it.
/// </summary>
internal sealed class ChangeFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        if (!ConsoleClaims.IsAdmin(http.User))
        {
            return Results.Text("this account is read-only\n", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!ConsoleClaims.ByBearer(http.User) && !await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return Results.Text("missing or wrong anti-forgery token; reload the page\n", statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context).ConfigureAwait(false);
    }
}
