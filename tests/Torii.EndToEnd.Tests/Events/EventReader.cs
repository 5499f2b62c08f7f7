using Torii.Client;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>Reads a subscription's events with a deadline each, so a missing event fails the test instead of hanging it.</summary>
public sealed class EventReader(EventSubscription subscription) : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<EventReader> OpenAsync(ToriiClient client) => new(await client.OpenEventSubscriptionAsync());

    public async Task<Event> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await subscription.NextAsync(timeout.Token);
    }

    public async Task<List<Event>> NextAsync(int count)
    {
        var events = new List<Event>(count);
        while (events.Count < count)
        {
            events.Add(await NextAsync());
        }

        return events;
    }

    /// <summary>Skips events until one of <paramref name="kind"/> for <paramref name="backendId"/> arrives.</summary>
    public async Task<Event> WaitForAsync(EventKind kind, string backendId)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Kind == kind && next.BackendId == backendId)
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync() => subscription.DisposeAsync();
}
