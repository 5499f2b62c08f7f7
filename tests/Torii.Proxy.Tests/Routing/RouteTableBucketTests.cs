using Torii.Proxy.Routing;

namespace Torii.Proxy.Tests.Routing;

/// <summary>
/// A hash bucket of the route table is one host, or an array of the hosts whose 64-bit hashes collide. No two test
/// hostnames are known to collide, so the changes of a bucket are checked on the bucket itself.
/// </summary>
public sealed class RouteTableBucketTests
{
    private static readonly HostRoutes A = HostRoutes.CreateEmpty("a.test");
    private static readonly HostRoutes B = HostRoutes.CreateEmpty("b.test");
    private static readonly HostRoutes C = HostRoutes.CreateEmpty("c.test");

    [Fact]
    public void A_lone_host_is_its_own_bucket_and_a_colliding_one_makes_an_array()
    {
        var one = RouteTable.Bucket([], null, A);
        Assert.Same(A, one);
        Assert.Equal([A], RouteTable.Entries(one));

        var two = RouteTable.Bucket(RouteTable.Entries(one), null, B);
        Assert.Equal([A, B], Assert.IsType<HostRoutes[]>(two));
    }

    [Fact]
    public void Replacing_and_removing_keep_the_other_hosts_and_fall_back_to_one_then_none()
    {
        HostRoutes[] three = [A, B, C];
        var replacement = HostRoutes.CreateEmpty("b.test");

        var replaced = Assert.IsType<HostRoutes[]>(RouteTable.Bucket(three, B, replacement));
        Assert.Equal(3, replaced.Length);
        Assert.Contains(replacement, replaced);
        Assert.DoesNotContain(B, replaced);
        Assert.Equal([A, B, C], three);

        var two = Assert.IsType<HostRoutes[]>(RouteTable.Bucket(three, B, null));
        Assert.Equal([A, C], two);
        Assert.Same(C, RouteTable.Bucket(two, A, null));
        Assert.Same(replacement, RouteTable.Bucket([A], A, replacement));
        Assert.Null(RouteTable.Bucket([A], A, null));
        Assert.Empty(RouteTable.Entries(null));
    }
}
