using Torii.Protocol;

namespace Torii.Config.Tests.Config;

/// <summary>The h2_* listener keys, read under Sōzu's names onto both listener messages.</summary>
public sealed class Http2ListenerKeysTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void H2_keys_set_the_listener_fields_and_absent_ones_stay_unset()
    {
        var config = _folder.Load("""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            h2_max_concurrent_streams = 50
            h2_max_rst_stream_per_window = 20
            h2_graceful_shutdown_deadline_seconds = 0
            [[listeners]]
            protocol = "https"
            address = "127.0.0.1:8443"
            h2_max_header_list_size = 32768
            h2_max_header_fields = 64
            h2_stream_idle_timeout_seconds = 12
            """);

        var http = config.Requests[0].Request.AddHttpListener;
        Assert.Equal(50u, http.H2MaxConcurrentStreams);
        Assert.Equal(20u, http.H2MaxRstStreamPerWindow);
        Assert.True(http.HasH2GracefulShutdownDeadlineSeconds);
        Assert.Equal(0u, http.H2GracefulShutdownDeadlineSeconds);
        Assert.False(http.HasH2MaxPingPerWindow);

        var https = config.Requests[1].Request.AddHttpsListener;
        Assert.Equal(32768u, https.H2MaxHeaderListSize);
        Assert.Equal(64u, https.H2MaxHeaderFields);
        Assert.Equal(12u, https.H2StreamIdleTimeoutSeconds);
        Assert.False(https.HasH2MaxConcurrentStreams);
    }

    [Fact]
    public void A_zero_limit_and_an_h2_key_on_a_tcp_listener_are_refused()
    {
        var zero = _folder.LoadError("""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:8080"
            h2_max_concurrent_streams = 0
            """);
        Assert.Contains("h2_max_concurrent_streams", zero.Message);

        var tcp = _folder.LoadError("""
            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:8080"
            h2_max_ping_per_window = 10
            """);
        Assert.Contains("h2_max_ping_per_window", tcp.Message);
    }
}
