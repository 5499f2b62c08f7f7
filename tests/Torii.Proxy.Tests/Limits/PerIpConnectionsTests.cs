using System.Net;
using Torii.Proxy.Limits;

namespace Torii.Proxy.Tests.Limits;

public sealed class PerIpConnectionsTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void Limit_admits_that_many_connections_then_one_more_after_one_leaves()
    {
        var table = new PerIpConnections();
        var first = table.TryEnter(Client, 2);
        var second = table.TryEnter(Client, 2);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(table.TryEnter(Client, 2));
        Assert.Equal(2, table.CountOf(Client));

        first.Leave();
        Assert.NotNull(table.TryEnter(Client, 2));
    }

    [Fact]
    public void Addresses_are_counted_apart_and_an_ipv4_mapped_address_is_its_ipv4_address()
    {
        var table = new PerIpConnections();
        Assert.NotNull(table.TryEnter(Client, 1));

        Assert.NotNull(table.TryEnter(IPAddress.Parse("192.0.2.8"), 1));
        Assert.Null(table.TryEnter(Client.MapToIPv6(), 1));
    }

    [Fact]
    public void An_address_whose_last_connection_left_is_forgotten()
    {
        var table = new PerIpConnections();
        var count = table.TryEnter(Client, 5)!;

        count.Leave();

        Assert.Equal(0, table.AddressCount);
        Assert.NotNull(table.TryEnter(Client, 1));
        Assert.Equal(1, table.CountOf(Client));
    }

    [Fact]
    public async Task Concurrent_enter_and_leave_never_admit_more_than_the_limit()
    {
        const int Limit = 3;
        var table = new PerIpConnections();
        var inside = 0;
        var most = 0;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (table.TryEnter(Client, Limit) is not { } count)
                {
                    continue;
                }

                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                Interlocked.Decrement(ref inside);
                count.Leave();
            }
        }));

        await Task.WhenAll(workers);

        Assert.InRange(most, 1, Limit);
        Assert.Equal(0, table.CountOf(Client));
        Assert.Equal(0, table.AddressCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
