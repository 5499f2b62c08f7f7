using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests.Http2;

/// <summary>
/// Each flood and malformed-frame shape, sent by a frame-level client built on Python's h2
/// libraries (h2_attacks.py): the misbehaving connection gets the RFC's GOAWAY or RST_STREAM
/// code, and a new connection is served right after.
/// </summary>
public sealed class Http2DefenceTests
{
    [Theory]
    [InlineData("rapid_reset")]
    [InlineData("made_you_reset")]
    [InlineData("ping_flood")]
    [InlineData("settings_flood")]
    [InlineData("empty_data_flood")]
    [InlineData("window_update_flood")]
    [InlineData("continuation_flood")]
    [InlineData("hpack_bomb")]
    [InlineData("too_many_fields")]
    [InlineData("concurrent_streams")]
    [InlineData("window_stall")]
    public async Task A_flood_gets_its_answer_and_other_connections_are_still_served(string scenario)
    {
        await using var proxy = await Http2Proxy.StartAsync(listener => listener.H2StreamIdleTimeoutSeconds = 2);
        var result = await proxy.RunScriptAsync("h2_attacks.py", scenario);
        Assert.True(result.ExitCode == 0, $"{result}\n--- torii ---\n{proxy.Torii.Output}");
        Assert.Contains($"PASS {scenario}", result.StandardOutput);
    }

    [Theory]
    [InlineData("data_on_stream_zero")]
    [InlineData("headers_on_stream_zero")]
    [InlineData("ping_bad_length")]
    [InlineData("settings_bad_length")]
    [InlineData("frame_too_large")]
    [InlineData("window_update_zero_connection")]
    [InlineData("interleaved_header_block")]
    [InlineData("bad_hpack")]
    [InlineData("data_on_closed_stream")]
    [InlineData("uppercase_header")]
    [InlineData("connection_header")]
    public async Task A_malformed_frame_gets_the_rfc_error(string scenario)
    {
        await using var proxy = await Http2Proxy.StartAsync();
        var result = await proxy.RunScriptAsync("h2_attacks.py", scenario);
        Assert.True(result.ExitCode == 0, $"{result}\n--- torii ---\n{proxy.Torii.Output}");
        Assert.Contains($"PASS {scenario}", result.StandardOutput);
    }

    [Fact]
    public async Task A_defence_that_fires_is_counted_and_its_limit_comes_from_the_listener()
    {
        // 50 pings in a burst: under the default budget of 100 all are answered; with 5 the connection is closed.
        await using var proxy = await Http2Proxy.StartAsync(listener => listener.H2MaxPingPerWindow = 5);
        await using var defaults = await Http2Proxy.StartAsync();
        var tolerated = await defaults.RunScriptAsync("h2_attacks.py", "ping_burst_tolerated");
        Assert.True(tolerated.ExitCode == 0, tolerated.ToString());
        var result = await proxy.RunScriptAsync("h2_attacks.py", "ping_burst");
        Assert.True(result.ExitCode == 0, result.ToString());
        var metric = await MetricsWatch.ProxyMetricAsync(proxy.Torii, "h2.flood.ping", metric => metric.Count >= 1);
        Assert.Equal(1, metric.Count);
    }
}
