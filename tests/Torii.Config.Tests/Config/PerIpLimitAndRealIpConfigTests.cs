namespace Torii.Config.Tests.Config;

/// <summary>Sōzu's max_connections_per_ip, retry_after, send_x_real_ip and elide_x_real_ip keys.</summary>
public sealed class PerIpLimitAndRealIpConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Global_limit_is_the_first_request_and_retry_after_a_setting()
    {
        var config = _folder.Load("""
            max_connections_per_ip = 12
            retry_after = 30

            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            """);

        Assert.Equal(12UL, config.Requests[0].Request.SetMaxConnectionsPerIp);
        Assert.Equal(30U, config.Settings.RetryAfter);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Without_the_keys_there_is_no_limit_and_retry_after_is_sixty_seconds()
    {
        var config = _folder.Load("max_connections_per_ip = 0\n");

        Assert.Empty(config.Requests);
        Assert.Equal(60U, config.Settings.RetryAfter);
    }

    [Fact]
    public void Cluster_keys_override_and_zero_is_kept_as_explicitly_unlimited()
    {
        var config = _folder.Load("""
            [clusters.app]
            protocol = "http"
            max_connections_per_ip = 0
            retry_after = 0

            [clusters.db]
            protocol = "tcp"
            max_connections_per_ip = 4
            """);

        var clusters = config.Requests.Select(r => r.Request.AddCluster).ToList();
        Assert.True(clusters[0].HasMaxConnectionsPerIp);
        Assert.Equal(0UL, clusters[0].MaxConnectionsPerIp);
        Assert.True(clusters[0].HasRetryAfter);
        Assert.Equal(4UL, clusters[1].MaxConnectionsPerIp);
        Assert.False(clusters[1].HasRetryAfter);
    }

    [Fact]
    public void Out_of_range_limit_is_refused_with_its_position()
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load("max_connections_per_ip = 2000000\n"));

        Assert.Contains("between 0 and 1000000 for 'max_connections_per_ip'", error.Message);
    }

    [Fact]
    public void Http_and_https_listeners_read_the_x_real_ip_keys_and_tcp_ones_refuse_them()
    {
        var config = _folder.Load("""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            send_x_real_ip = true
            elide_x_real_ip = true

            [[listeners]]
            protocol = "https"
            address = "127.0.0.1:8443"
            elide_x_real_ip = true
            """);

        var http = config.Requests[0].Request.AddHttpListener;
        var https = config.Requests[1].Request.AddHttpsListener;
        Assert.True(http.SendXRealIp);
        Assert.True(http.ElideXRealIp);
        Assert.False(https.HasSendXRealIp);
        Assert.True(https.ElideXRealIp);
        Assert.Throws<ConfigException>(() => _folder.Load("""
            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:5432"
            send_x_real_ip = true
            """));
    }
}
