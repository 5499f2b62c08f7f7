namespace Torii.Protocol.Tests;

/// <summary>The global max_connections_per_ip is one item of the state: set first, changed in place, reset when the config drops it.</summary>
public sealed class PerIpLimitReloadTests
{
    private static readonly Request Cluster = new() { AddCluster = new Cluster { ClusterId = "shop" } };

    [Fact]
    public void A_new_limit_is_set_before_anything_else_and_a_changed_one_is_set_again()
    {
        Request[] previous = [Cluster];
        Request[] limited = [Limit(5), Cluster, new Request { AddCluster = new Cluster { ClusterId = "cart" } }];

        Assert.Equal(Limit(5), ReloadPlan.Create(previous, previous, limited).Requests[0]);
        Assert.Equal([Limit(8)], ReloadPlan.Create(limited, limited, [Limit(8), .. limited[1..]]).Requests);
    }

    [Fact]
    public void A_limit_the_config_drops_goes_back_to_unlimited_but_one_set_at_runtime_stays()
    {
        Request[] limited = [Limit(5), Cluster];

        Assert.Equal([Limit(0)], ReloadPlan.Create(limited, limited, [Cluster]).Requests);
        Assert.True(ReloadPlan.Create([Cluster], limited, [Cluster]).IsEmpty);
        Assert.Equal([Limit(0)], ReloadPlan.Create([Cluster], limited, [Cluster], prune: true).Requests);
    }

    [Fact]
    public void Cluster_limits_are_part_of_the_cluster_and_change_it_in_place()
    {
        var limited = new Request { AddCluster = new Cluster { ClusterId = "shop", MaxConnectionsPerIp = 3, RetryAfter = 10 } };

        Assert.Equal([limited], ReloadPlan.Create([Cluster], [Cluster], [limited]).Requests);
    }

    private static Request Limit(ulong value) => new() { SetMaxConnectionsPerIp = value };
}
