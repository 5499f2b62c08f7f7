using Torii.Connectors.Web.Live;

namespace Torii.Connectors.Web.Tests.Live;

public sealed class LiveHubTests
{
    [Fact]
    public async Task A_browser_that_falls_a_whole_queue_behind_is_dropped_and_the_others_still_get_everything()
    {
        var hub = new LiveHub();
        using LiveSubscription stalled = hub.Subscribe();
        using LiveSubscription reading = hub.Subscribe();
        int received = 0;
        for (int i = 0; i <= LiveHub.QueueLength; i++)
        {
            hub.Publish(new LiveMessage("event", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(reading.Reader.TryRead(out LiveMessage? message));
            Assert.Equal(received++.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Data);
        }

        Assert.Equal(1, hub.BrowserCount);
        // The stalled browser's stream ends after what it had queued: it reconnects and re-reads the state.
        int queued = 0;
        while (await stalled.Reader.WaitToReadAsync())
        {
            while (stalled.Reader.TryRead(out _))
            {
                queued++;
            }
        }

        Assert.Equal(LiveHub.QueueLength, queued);
    }

    [Fact]
    public void Leaving_removes_the_browser_and_the_feed_keeps_the_latest_events_first()
    {
        var hub = new LiveHub();
        LiveSubscription subscription = hub.Subscribe();
        subscription.Dispose();
        Assert.Equal(0, hub.BrowserCount);

        for (ulong sequence = 1; sequence <= LiveHub.FeedLength + 5; sequence++)
        {
            hub.Record(new FeedEntry(sequence, DateTimeOffset.UnixEpoch, "ClusterAdded", "c", null, null, null, null));
        }

        IReadOnlyList<FeedEntry> feed = hub.Feed();
        Assert.Equal(LiveHub.FeedLength, feed.Count);
        Assert.Equal((ulong)LiveHub.FeedLength + 5, feed[0].Sequence);
        Assert.Equal(6UL, feed[^1].Sequence);
    }
}
