using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Torii.Bench.Yarp;

/// <summary>
/// The request headers torii, HAProxy and nginx add in the benchmark (X-Forwarded-For/-Proto/-Port, Forwarded
/// for/by/proto, a request id sent to the backend and returned to the client) and the client's Host header kept,
/// so YARP forwards what the others forward.
/// </summary>
public static class ForwardingHeaders
{
    public const string RequestIdHeader = "Torii-Id";

    public static void Add(TransformBuilderContext context)
    {
        // YARP's defaults also add X-Forwarded-Host and -Prefix, which no other proxy in the benchmark sends.
        context.UseDefaultForwarders = false;
        context.AddOriginalHost(useOriginal: true);
        // Forwarded first: adding it also removes any X-Forwarded-* headers, so those are added after it.
        context.AddForwarded(useHost: false, useProto: true, forFormat: NodeFormat.Ip, byFormat: NodeFormat.Ip,
            action: ForwardedTransformActions.Set);
        context.AddXForwardedFor(action: ForwardedTransformActions.Append);
        context.AddXForwardedProto(action: ForwardedTransformActions.Set);
        context.AddRequestTransform(transform =>
        {
            var http = transform.HttpContext;
            var headers = transform.ProxyRequest.Headers;
            headers.TryAddWithoutValidation("X-Forwarded-Port", http.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Kestrel's trace identifier (connection id + request number) is unique per request and already made.
            var id = http.TraceIdentifier;
            headers.TryAddWithoutValidation(RequestIdHeader, id);
            http.Response.Headers[RequestIdHeader] = id;
            return ValueTask.CompletedTask;
        });
    }
}
