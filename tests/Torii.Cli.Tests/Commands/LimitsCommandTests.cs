using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class LimitsCommandTests
{
    [Fact]
    public void Set_per_ip_sends_set_max_connections_per_ip()
    {
        Assert.Equal(new Request { SetMaxConnectionsPerIp = 25 }, RequestFor("limits set-per-ip 25"));
        Assert.Equal(new Request { SetMaxConnectionsPerIp = 0 }, RequestFor("limits set-per-ip 0"));
    }

    [Fact]
    public void Set_per_ip_refuses_a_negative_count()
    {
        Assert.Equal("connections -1 is outside 0..1000000 (0: unlimited)", RefusalOf("limits set-per-ip -- -1"));
    }

    [Fact]
    public void Show_queries_the_limit() =>
        Assert.Equal(new Request { QueryMaxConnectionsPerIp = new QueryMaxConnectionsPerIp() }, RequestFor("limits show"));

    [Fact]
    public void Cluster_add_sets_the_per_ip_limit_and_retry_after()
    {
        var cluster = RequestFor("cluster add --id api --max-connections-per-ip 0 --retry-after 15").AddCluster;

        Assert.True(cluster.HasMaxConnectionsPerIp);
        Assert.Equal(0UL, cluster.MaxConnectionsPerIp);
        Assert.Equal(15U, cluster.RetryAfter);
        Assert.False(RequestFor("cluster add --id api").AddCluster.HasMaxConnectionsPerIp);
        Assert.Equal("--retry-after 86401 is outside 0..86400 (seconds; 0: no header)", RefusalOf("cluster add --id api --retry-after 86401"));
    }
}
