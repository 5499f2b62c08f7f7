using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Torii.Client;
using Torii.Connectors.Web.Live;
using Torii.Protocol;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>The forms of the clusters page: each turns into one request (two for a drain) to the proxy.</summary>
internal static class ClusterChanges
{
    private const string Page = "/clusters";

    public static void Map(RouteGroupBuilder changes)
    {
        changes.MapPost("/clusters/add", (HttpContext context, ToriiClient client) => RunAsync(context, async form =>
        {
            string balancing = FormFields.Optional(form, "load_balancing") ?? nameof(LoadBalancingAlgorithms.RoundRobin);
            var cluster = new Cluster
            {
                ClusterId = FormFields.Required(form, "cluster_id"),
                LoadBalancing = Enum.TryParse(balancing.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out LoadBalancingAlgorithms algorithm)
                    ? algorithm
                    : throw new FormException($"unknown load balancing \"{balancing}\""),
            };
            return await client.AddClusterAsync(cluster, context.RequestAborted).ConfigureAwait(false);
        }));

        changes.MapPost("/clusters/remove", (HttpContext context, ToriiClient client) => RunAsync(context, form =>
            client.RemoveClusterAsync(FormFields.Required(form, "cluster_id"), context.RequestAborted)));

        changes.MapPost("/frontends/add", (HttpContext context, ToriiClient client) => RunAsync(context, form =>
        {
            string[] listener = FormFields.Required(form, "listener").Split('|', 2);
            if (listener.Length != 2 || !Proxy.SocketAddressText.TryParse(listener[1], out SocketAddress address))
            {
                throw new FormException("choose an HTTP or HTTPS listener");
            }

            var frontend = new RequestHttpFrontend
            {
                ClusterId = FormFields.Required(form, "cluster_id"),
                Address = address,
                Hostname = FormFields.Required(form, "hostname"),
                Path = new PathRule { Kind = PathRuleKind.Prefix, Value = FormFields.Optional(form, "path") ?? "" },
            };
            return listener[0] == "HTTPS"
                ? client.AddHttpsFrontendAsync(frontend, context.RequestAborted)
                : client.AddHttpFrontendAsync(frontend, context.RequestAborted);
        }));

        changes.MapPost("/frontends/remove", (HttpContext context, ToriiClient client) => RunAsync(context, async form =>
        {
            Request request;
            try
            {
                request = Request.Parser.ParseFrom(Convert.FromBase64String(FormFields.Required(form, "request")));
            }
            catch (Exception exception) when (exception is FormatException or InvalidProtocolBufferException)
            {
                throw new FormException("the frontend to remove could not be read; reload the page");
            }

            // The form carries the exact frontend the page showed; only a frontend removal is accepted from it.
            if (request.RequestTypeCase is not (Request.RequestTypeOneofCase.RemoveHttpFrontend
                or Request.RequestTypeOneofCase.RemoveHttpsFrontend or Request.RequestTypeOneofCase.RemoveTcpFrontend))
            {
                throw new FormException("only a frontend can be removed here");
            }

            Response response = await client.ExecuteAsync(request, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return response.Message;
        }));

        changes.MapPost("/backends/add", (HttpContext context, ToriiClient client) => RunAsync(context, form =>
            client.AddBackendAsync(
                new AddBackend
                {
                    ClusterId = FormFields.Required(form, "cluster_id"),
                    BackendId = FormFields.Required(form, "backend_id"),
                    Address = FormFields.Address(form, "address"),
                    LoadBalancingParameters = new LoadBalancingParams { Weight = FormFields.Integer(form, "weight", 0, 1000, 100) },
                },
                context.RequestAborted)));

        changes.MapPost("/backends/remove", (HttpContext context, ToriiClient client) => RunAsync(context, form =>
            client.RemoveBackendAsync(
                new RemoveBackend
                {
                    ClusterId = FormFields.Required(form, "cluster_id"),
                    BackendId = FormFields.Required(form, "backend_id"),
                    Address = FormFields.Address(form, "address"),
                },
                context.RequestAborted)));

        changes.MapPost("/backends/drain", (HttpContext context, BackendDrainer drainer) => RunAsync(context, async form =>
        {
            string clusterId = FormFields.Required(form, "cluster_id");
            string backendId = FormFields.Required(form, "backend_id");
            await drainer.StartAsync(clusterId, backendId, context.RequestAborted).ConfigureAwait(false);
            return $"backend {backendId} of cluster {clusterId} is draining: weight 0, removed once it has no connection";
        }));
    }

    private static async Task<IResult> RunAsync(HttpContext context, Func<IFormCollection, Task<string>> change)
    {
        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        return await ChangeOutcome.RunAsync(Page, () => change(form)).ConfigureAwait(false);
    }
}
