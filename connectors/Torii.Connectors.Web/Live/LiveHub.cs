using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Torii.Connectors.Web.Live;

/// <summary>
/// Fans what happens out to every open browser, each through a bounded queue of its own. A browser that falls
/// <see cref="QueueLength"/> messages behind is disconnected rather than slowing the others: its EventSource
/// reconnects and re-reads the state, so it loses nothing. Also keeps the last events for the overview's feed.
/// </summary>
internal sealed class LiveHub
{
    public const int QueueLength = 256;
    public const int FeedLength = 50;

    private readonly ConcurrentDictionary<long, Channel<LiveMessage>> _browsers = new();
    private readonly LinkedList<FeedEntry> _feed = new();
    private readonly Lock _feedLock = new();
    private long _nextId;

    public int BrowserCount => _browsers.Count;

    /// <summary>A new browser's queue; dispose the result when its connection ends.</summary>
    public LiveSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(QueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        long id = Interlocked.Increment(ref _nextId);
        _browsers[id] = channel;
        return new LiveSubscription(channel.Reader, () => Unsubscribe(id));
    }

    public void Publish(LiveMessage message)
    {
        foreach (var (id, channel) in _browsers)
        {
            if (!channel.Writer.TryWrite(message))
            {
                channel.Writer.TryComplete();
                _browsers.TryRemove(id, out _);
            }
        }
    }

    public void Record(FeedEntry entry)
    {
        lock (_feedLock)
        {
            _feed.AddFirst(entry);
            if (_feed.Count > FeedLength)
            {
                _feed.RemoveLast();
            }
        }
    }

    /// <summary>The most recent events first.</summary>
    public IReadOnlyList<FeedEntry> Feed()
    {
        lock (_feedLock)
        {
            return [.. _feed];
        }
    }

    private void Unsubscribe(long id)
    {
        if (_browsers.TryRemove(id, out Channel<LiveMessage>? channel))
        {
            channel.Writer.TryComplete();
        }
    }
}
