using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Torii.Client;
using Torii.Connectors.Web.Proxy;
using Torii.Protocol;

namespace Torii.Connectors.Web.Live;

/// <summary>
/// The one subscription to the proxy's events that every browser shares. Each time it is (re)opened — at start,
/// after the proxy restarted, or after the proxy dropped it for falling behind — the browsers are told to
/// re-read the state, and only then: the subscription is already open, so no change falls in between.
/// </summary>
internal sealed partial class EventPump(ToriiClient client, LiveHub hub, ILogger<EventPump> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool reportedDown = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                EventSubscription subscription = await client.OpenEventSubscriptionAsync(stoppingToken).ConfigureAwait(false);
                await using (subscription.ConfigureAwait(false))
                {
                    LogSubscribed(logger);
                    reportedDown = false;
                    hub.Publish(LiveMessage.Resync);
                    while (true)
                    {
                        Event change = await subscription.NextAsync(stoppingToken).ConfigureAwait(false);
                        FeedEntry entry = FeedEntries.Of(change);
                        hub.Record(entry);
                        hub.Publish(new LiveMessage("event", JsonSerializer.Serialize(entry, LiveJson.Options)));
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (ProxyFailures.IsProxyFailure(exception))
            {
                if (!reportedDown)
                {
                    reportedDown = true;
                    LogLost(logger, exception.Message);
                }
            }

            // Not a busy loop while the proxy is away; the client's own connect backoff caps each attempt.
            await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "subscribed to the proxy's events")]
    private static partial void LogSubscribed(ILogger logger);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "the proxy's event stream is down, retrying every second: {Reason}")]
    private static partial void LogLost(ILogger logger, string reason);
}
