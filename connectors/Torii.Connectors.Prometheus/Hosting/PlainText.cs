using Microsoft.AspNetCore.Http;

namespace Torii.Connectors.Prometheus.Hosting;

internal static class PlainText
{
    /// <summary>One line of text, the way every answer but the metrics themselves is written.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string line)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(line + "\n", context.RequestAborted);
    }
}
