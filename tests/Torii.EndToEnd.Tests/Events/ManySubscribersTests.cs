using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Events;

public sealed class ManySubscribersTests
{
    [Fact]
    public async Task A_hundred_subscribers_at_once_all_get_the_same_event_sequence()
    {
        const int Subscribers = 100;
        const int Clusters = 20;
        await using var proxy = await HttpProxyFixture.StartAsync();
        var readers = await Task.WhenAll(Enumerable.Range(0, Subscribers).Select(_ => EventReader.OpenAsync(proxy.Torii.Client)));
        try
        {
            // Pipelined: the changes are applied while all hundred streams are being written.
            await Task.WhenAll(Enumerable.Range(0, Clusters).Select(i => proxy.Torii.MustAsync(Requests.Cluster($"c{i}"))));

            var streams = await Task.WhenAll(readers.Select(reader => reader.NextAsync(Clusters)));

            var first = streams[0].Select(e => (e.Sequence, e.Kind, e.ClusterId)).ToList();
            Assert.Equal(Clusters, first.Select(e => e.ClusterId).Distinct().Count());
            Assert.Equal(Enumerable.Range(0, Clusters).Select(i => first[0].Sequence + (ulong)i), first.Select(e => e.Sequence));
            Assert.All(streams, stream => Assert.Equal(first, stream.Select(e => (e.Sequence, e.Kind, e.ClusterId))));
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }
}
