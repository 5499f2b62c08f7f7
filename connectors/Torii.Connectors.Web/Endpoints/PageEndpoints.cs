using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Torii.Connectors.Web.Live;
using Torii.Connectors.Web.Pages;
using Torii.Connectors.Web.Hosting;
using Torii.Connectors.Web.Proxy;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>The pages and the read-only JSON: every one needs a signed-in user, of either role.</summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (HttpContext context, IAntiforgery antiforgery, StateReader reader, LiveHub hub) =>
        {
            ConsoleState state = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            await HtmlResult.WriteAsync(context, OverviewPage.Render(PageContexts.For(context, antiforgery), state, hub.Feed())).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapGet("/clusters", async (HttpContext context, IAntiforgery antiforgery, StateReader reader) =>
        {
            ConsoleState state = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            await HtmlResult.WriteAsync(context, ClustersPage.Render(PageContexts.For(context, antiforgery), state)).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapGet("/certificates", async (HttpContext context, IAntiforgery antiforgery, StateReader reader, TimeProvider time) =>
        {
            ConsoleState state = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            await HtmlResult.WriteAsync(context, CertificatesPage.Render(PageContexts.For(context, antiforgery), state, time.GetUtcNow())).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapGet("/api/metrics", (LiveRates rates) => Results.Json(rates.History.Snapshot(), LiveJson.Options)).RequireAuthorization();

        app.MapGet("/api/state", async (HttpContext context, StateReader reader) =>
        {
            ConsoleState state = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(StateJson.Of(state), LiveJson.Options);
        }).RequireAuthorization();

        app.MapGet("/live", LiveEndpoint.StreamAsync).RequireAuthorization();

        app.MapGet("/assets/{name}", (string name) => StaticAssets.Serve(name)).AllowAnonymous();

        app.MapGet("/healthz", async (HttpContext context, StateReader reader) =>
        {
            ConsoleState state = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            return state.Failure is null ? Results.Text("ok\n") : Results.Text(state.Failure + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
    }
}
