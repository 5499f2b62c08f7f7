using System.Threading.Channels;
using Torii.Protocol;

namespace Torii.Proxy.Events;

/// <summary>
/// One subscribed connection's bounded queue of answers to send: the events, and the refusals of
/// requests it sent after subscribing. When it is full the subscriber is dropped: its queue is
/// completed and <see cref="Dropped"/> is cancelled, so its connection can be closed.
/// </summary>
public sealed class EventSubscriber : IDisposable
{
    private readonly Channel<Response> _queue;
    private readonly Action<EventSubscriber> _unsubscribe;
    private readonly CancellationTokenSource _dropped = new();
    private int _ended;

    internal EventSubscriber(int capacity, Action<EventSubscriber> unsubscribe)
    {
        _queue = Channel.CreateBounded<Response>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _unsubscribe = unsubscribe;
        Capacity = capacity;
        Dropped = _dropped.Token;
    }

    public int Capacity { get; }

    /// <summary>What is queued for the connection, in order; completes when the subscriber is dropped or disposed.</summary>
    public ChannelReader<Response> Queue => _queue.Reader;

    /// <summary>Cancelled when the queue overflowed: the connection must close without sending the rest.</summary>
    public CancellationToken Dropped { get; }

    public bool WasDropped => _dropped.IsCancellationRequested;

    /// <summary>Queues an answer; never waits. A full queue drops the subscriber.</summary>
    /// <returns>False if the subscriber is (now) dropped or disposed.</returns>
    public bool Offer(Response response)
    {
        if (_queue.Writer.TryWrite(response))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _unsubscribe(this);

            // The connection's writer may be blocked on a socket nobody reads: its cancellation
            // (which closes it) runs elsewhere, not on the publisher's thread.
            ThreadPool.UnsafeQueueUserWorkItem(static source => source.Cancel(), _dropped, preferLocal: false);
        }

        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
