using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class ClusterCommandTests
{
    [Fact]
    public void Add_sets_the_queue_timeout()
    {
        Request request = RequestFor("cluster add --id api --queue-timeout 5");

        Assert.Equal(5u, request.AddCluster.QueueTimeout);
        Assert.False(RequestFor("cluster add --id api").AddCluster.HasQueueTimeout);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86_401)]
    public void Add_refuses_a_queue_timeout_outside_the_range(int seconds)
    {
        string message = RefusalOf($"cluster add --id api --queue-timeout {seconds}");

        Assert.Equal($"--queue-timeout {seconds} is outside 0..86400 (seconds; 0: no waiting)", message);
    }

    [Fact]
    public void Add_with_only_an_id_asks_for_round_robin_without_stickiness_or_redirect()
    {
        var expected = new Request
        {
            AddCluster = new Cluster
            {
                ClusterId = "api",
                StickySession = false,
                HttpsRedirect = false,
                LoadBalancing = LoadBalancingAlgorithms.RoundRobin,
            },
        };

        Assert.Equal(expected, RequestFor("cluster add --id api"));
    }

    [Fact]
    public void Add_with_every_flag_sets_every_field()
    {
        var expected = new Request
        {
            AddCluster = new Cluster
            {
                ClusterId = "shop",
                StickySession = true,
                HttpsRedirect = true,
                LoadBalancing = LoadBalancingAlgorithms.PowerOfTwo,
                ProxyProtocol = ProxyProtocolConfig.SendHeader,
            },
        };

        Assert.Equal(expected, RequestFor("cluster add --id shop --sticky-session --https-redirect --load-balancing power_of_two --send-proxy"));
    }

    [Theory]
    [InlineData("round_robin", LoadBalancingAlgorithms.RoundRobin)]
    [InlineData("random", LoadBalancingAlgorithms.Random)]
    [InlineData("least_loaded", LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData("power_of_two", LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData("hrw", LoadBalancingAlgorithms.Hrw)]
    [InlineData("maglev", LoadBalancingAlgorithms.Maglev)]
    public void Add_maps_each_load_balancing_name(string name, LoadBalancingAlgorithms algorithm)
    {
        Request request = RequestFor($"cluster add --id api --load-balancing {name}");

        Assert.Equal(algorithm, request.AddCluster.LoadBalancing);
        Assert.True(request.AddCluster.HasLoadBalancing);
    }

    [Fact]
    public void Add_sets_the_load_balancing_header_only_when_given()
    {
        Assert.Equal("X-User", RequestFor("cluster add --id api --load-balancing hrw --load-balancing-header X-User").AddCluster.LoadBalancingHeader);
        Assert.False(RequestFor("cluster add --id api --load-balancing hrw").AddCluster.HasLoadBalancingHeader);
    }

    [Fact]
    public void Add_without_send_proxy_leaves_the_proxy_protocol_unset()
    {
        Assert.False(RequestFor("cluster add --id api").AddCluster.HasProxyProtocol);
    }

    [Fact]
    public void Add_refuses_an_unknown_load_balancing_name()
    {
        Assert.NotEmpty(ParseErrorsOf("cluster add --id api --load-balancing fastest"));
    }

    [Fact]
    public void Add_requires_an_id()
    {
        Assert.Contains(ParseErrorsOf("cluster add --sticky-session"), message => message.Contains("--id", StringComparison.Ordinal));
    }

    [Fact]
    public void Remove_names_the_cluster()
    {
        Assert.Equal(new Request { RemoveCluster = "api" }, RequestFor("cluster remove --id api"));
    }

    [Fact]
    public void List_without_filters_asks_for_the_cluster_hashes()
    {
        Assert.Equal(new Request { QueryClustersHashes = new QueryClustersHashes() }, RequestFor("cluster list"));
    }

    [Fact]
    public void List_with_an_id_queries_that_cluster()
    {
        Assert.Equal(new Request { QueryClusterById = "api" }, RequestFor("cluster list --id api"));
    }

    [Fact]
    public void List_with_a_domain_queries_the_clusters_of_that_hostname()
    {
        var expected = new Request { QueryClustersByDomain = new QueryClusterByDomain { Hostname = "example.com" } };

        Assert.Equal(expected, RequestFor("cluster list --domain example.com"));
    }

    [Fact]
    public void List_with_a_domain_and_path_splits_them_at_the_first_slash()
    {
        var expected = new Request
        {
            QueryClustersByDomain = new QueryClusterByDomain { Hostname = "example.com", Path = "/api/v1" },
        };

        Assert.Equal(expected, RequestFor("cluster list --domain example.com/api/v1"));
    }

    [Fact]
    public void List_refuses_an_id_and_a_domain_together()
    {
        Assert.Equal("--id and --domain cannot be used together", RefusalOf("cluster list --id api --domain example.com"));
    }
}
