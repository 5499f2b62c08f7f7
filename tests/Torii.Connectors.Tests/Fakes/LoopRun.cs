using System.Text;
using Torii.Connectors.Applying;
using Torii.Connectors.Logging;
using Torii.Connectors.Monitoring;
using Torii.Connectors.Tests.Infrastructure;

namespace Torii.Connectors.Tests.Fakes;

/// <summary>An apply loop running over a fake source and a fake proxy until the test disposes it.</summary>
internal sealed class LoopRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _logText = new(new StringBuilder());

    /// <param name="start">False: the loop starts at <see cref="Start"/>, once the test has set the source and the proxy up.</param>
    public LoopRun(ApplyLoopOptions? options = null, TimeProvider? time = null, bool start = true)
    {
        Counters = new ConnectorCounters(Metrics);
        options ??= new ApplyLoopOptions { Window = 16, RetryInitial = TimeSpan.FromMilliseconds(1), RetryMax = TimeSpan.FromMilliseconds(20) };
        Loop = new ApplyLoop(Source, Proxy, options, Counters, new ConnectorLog("test", LogLevel.Debug, TextWriter.Synchronized(_logText)), time);
        if (start)
        {
            Start();
        }
    }

    public void Start() => Running = Task.Run(() => Loop.RunAsync(_stop.Token));

    public FakeSource Source { get; } = new();

    public FakeProxy Proxy { get; } = new();

    public ConnectorMetrics Metrics { get; } = new("torii-test");

    public ConnectorCounters Counters { get; }

    public ApplyLoop Loop { get; }

    public Task Running { get; private set; } = Task.CompletedTask;

    public string Log => _logText.ToString();

    /// <summary>
    /// Applies m0 (so later requests are pipelined), then sends m1 and m2 and holds both in flight; the fake
    /// ignores the loop's cancellation, as a client that loses track of a request would.
    /// </summary>
    public async Task HoldTwoInFlightAsync()
    {
        Source.Deliver(TestMessages.Protobuf("m0"));
        await Eventually.HoldsAsync(() => Source.Settled.Count == 1, "m0 applied, so later requests are pipelined");
        Proxy.HoldAnswers = true;
        Proxy.IgnoreCancellation = true;
        Source.Deliver(TestMessages.Protobuf("m1"));
        Source.Deliver(TestMessages.Protobuf("m2"));
        await Eventually.HoldsAsync(() => Proxy.HeldCount == 2, "m1 and m2 in flight together");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
