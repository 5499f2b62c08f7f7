using Torii.Protocol;

namespace Torii.Client.Tests;

/// <summary>SubscribeEventsAsync against a fake proxy: its own connection, events in order, and how the stream ends.</summary>
public sealed class EventSubscriptionTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly TemporarySocketDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private ToriiClient Client() => new(new ToriiClientOptions
    {
        SocketPath = _directory.SocketPath(),
        RequestTimeout = TimeSpan.FromSeconds(10),
        ConnectBackoffInitial = TimeSpan.FromMilliseconds(10),
        ConnectBackoffMax = TimeSpan.FromMilliseconds(100),
    });

    private static Response EventAnswer(ulong sequence, string clusterId) =>
        new() { Status = ResponseStatus.Ok, Content = new ResponseContent { Event = new Event { Kind = EventKind.ClusterAdded, ClusterId = clusterId, Sequence = sequence } } };

    [Fact]
    public async Task Events_after_the_OK_are_yielded_in_order_on_a_connection_apart_from_the_pool()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            if (request.RequestTypeCase != Request.RequestTypeOneofCase.SubscribeEvents)
            {
                await FakeCommandServer.Echo(request, connection, ct);
                return;
            }

            await connection.RespondAsync(Responses.Ok("subscribed"), ct);
            for (ulong i = 1; i <= 3; i++)
            {
                await connection.RespondAsync(EventAnswer(i, $"c{i}"), ct);
            }
        });
        await using var client = Client();

        var received = new List<Event>();
        await foreach (var change in client.SubscribeEventsAsync().WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            received.Add(change);
            if (received.Count == 1)
            {
                // The pool still answers while the subscription is open.
                Assert.Equal(ResponseStatus.Ok, (await client.SendAsync(new Request { Status = new Status() })).Status);
            }

            if (received.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["c1", "c2", "c3"], received.Select(e => e.ClusterId));
        Assert.Equal(2, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task A_refused_subscription_throws_CommandFailedException()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), (request, connection, ct) =>
            connection.RespondAsync(Responses.Failure("no events here"), ct).AsTask());
        await using var client = Client();

        var failure = await Assert.ThrowsAsync<CommandFailedException>(() => client.OpenEventSubscriptionAsync().WaitAsync(Bound));
        Assert.Contains("no events here", failure.Message);
    }

    [Fact]
    public async Task A_stream_the_proxy_closes_ends_with_ProxyUnavailableException()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            await connection.RespondAsync(Responses.Ok("subscribed"), ct);
            await connection.RespondAsync(EventAnswer(1, "c1"), ct);
            connection.Abort();
        });
        await using var client = Client();
        await using var subscription = await client.OpenEventSubscriptionAsync().WaitAsync(Bound);

        Assert.Equal("c1", (await subscription.NextAsync().WaitAsync(Bound)).ClusterId);
        await Assert.ThrowsAsync<ProxyUnavailableException>(() => subscription.NextAsync().WaitAsync(Bound));
    }

    [Fact]
    public async Task Cancelling_closes_the_subscription_connection()
    {
        var subscribed = new TaskCompletionSource<FakeConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            await connection.RespondAsync(Responses.Ok("subscribed"), ct);
            subscribed.TrySetResult(connection);
        });
        await using var client = Client();
        using var cancel = new CancellationTokenSource();

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in client.SubscribeEventsAsync(cancel.Token))
            {
            }
        });
        var connection = await subscribed.Task.WaitAsync(Bound);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Bound));
        await connection.Closed.WaitAsync(Bound);
    }
}
