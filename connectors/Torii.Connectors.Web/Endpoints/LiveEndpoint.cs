using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Torii.Connectors.Web.Live;

namespace Torii.Connectors.Web.Endpoints;

/// <summary>
/// GET /live: Server-Sent Events. The first message is always "resync", so a browser re-reads the state on
/// every (re)connection and misses nothing that happened while it was away; then the hub's messages, and a
/// comment every 15 s so that idle proxies between the browser and here do not close the stream.
/// </summary>
internal static class LiveEndpoint
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, LiveHub hub)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using LiveSubscription subscription = hub.Subscribe();
        CancellationToken aborted = context.RequestAborted;
        await context.Response.WriteAsync("retry: 1000\n\n", aborted).ConfigureAwait(false);
        await WriteAsync(context.Response, LiveMessage.Resync, aborted).ConfigureAwait(false);
        ChannelReader<LiveMessage> reader = subscription.Reader;
        try
        {
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(KeepAlive);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", aborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    // Dropped for falling behind: ending the response makes the browser reconnect and re-read.
                    return;
                }

                while (reader.TryRead(out LiveMessage? message))
                {
                    await WriteAsync(context.Response, message, aborted).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    private static async Task WriteAsync(HttpResponse response, LiveMessage message, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {message.Name}\ndata: {message.Data}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
