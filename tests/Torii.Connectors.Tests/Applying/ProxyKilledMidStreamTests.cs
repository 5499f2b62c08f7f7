using System.Text;
using Torii.Connectors.Applying;
using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Tests.Fakes;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Applying;

/// <summary>
/// The real apply loop and the real proxy client against a socket that drops the connection while a full
/// window is pipelined on it (some requests answered, some written and unanswered, some not yet written),
/// then refuses connections for a while: the loop must get an answer or an error for every request, pause,
/// and apply everything once the socket is back.
/// </summary>
public sealed class ProxyKilledMidStreamTests
{
    private const int Messages = 400;

    public static TheoryData<int, int> Resets => new() { { 1, 7 }, { 40, 120 }, { 150, 256 }, { 300, 390 } };

    [Theory]
    [MemberData(nameof(Resets))]
    public async Task Every_message_is_applied_after_the_proxy_drops_the_connection_mid_window(int resetFrom, int resetTo)
    {
        using var folder = new TemporaryFolder();
        int resetAt = Random.Shared.Next(resetFrom, resetTo);
        await using var proxy = new ResettingProxySocket(Path.Combine(folder.Path, "torii.sock"), resetAt, TimeSpan.FromMilliseconds(700));
        var metrics = new ConnectorMetrics("torii-test");
        var logText = new StringWriter(new StringBuilder());
        var log = new ConnectorLog("test", LogLevel.Debug, TextWriter.Synchronized(logText));
        var source = new FakeSource();
        using var stop = new CancellationTokenSource();
        Task running;
        await using (var sender = new ToriiRequestSender(proxy.SocketPath, TimeSpan.FromSeconds(10), new ConnectorHealth(metrics), log))
        {
            var loop = new ApplyLoop(
                source,
                sender,
                new ApplyLoopOptions { Window = 256, RetryInitial = TimeSpan.FromMilliseconds(50), RetryMax = TimeSpan.FromMilliseconds(500) },
                new ConnectorCounters(metrics),
                log);
            running = Task.Run(() => loop.RunAsync(stop.Token));
            for (int i = 0; i < Messages; i++)
            {
                source.Deliver(TestMessages.Protobuf($"b{i}"));
            }

            // Within the request timeout plus the downtime and the back-off: a request nobody answers would hold the loop longer.
            await Eventually.HoldsAsync(
                () => Task.FromResult(proxy.Applied.Count == Messages && source.Settled.Count == Messages),
                () => $"all {Messages} applied and acknowledged (reset at request {resetAt}); applied {proxy.Applied.Count}, settled {source.Settled.Count}, unsettled {loop.Unsettled}\n{logText}",
                TimeSpan.FromSeconds(30));
            Assert.True(proxy.Restarted.IsCompleted, $"the connection was never reset:\n{logText}");
            Assert.Contains("proxy unreachable; next attempt", logText.ToString(), StringComparison.Ordinal);
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"ack:b{i}"), source.Settled);
    }
}
