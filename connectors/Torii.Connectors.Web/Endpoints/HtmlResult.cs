using Microsoft.AspNetCore.Http;
using Torii.Connectors.Web.Pages;

namespace Torii.Connectors.Web.Endpoints;

internal static class HtmlResult
{
    public static Task WriteAsync(HttpContext context, Markup page, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(page.Value, context.RequestAborted);
    }
}
