using Torii.Proxy.Command;
using Xunit;

namespace Torii.Proxy.Tests.Command;

public sealed class CommandGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Waiters_enter_one_at_a_time_in_arrival_order()
    {
        var gate = new CommandGate();
        await gate.EnterAsync(inline: true);
        var order = new List<int>();
        var waiters = Enumerable.Range(0, 5).Select(i => EnterThenRecordAsync(gate, i, order, inline: i % 2 == 0)).ToList();
        Assert.All(waiters, waiter => Assert.False(waiter.IsCompleted));

        gate.Release();
        await Task.WhenAll(waiters).WaitAsync(Timeout);

        Assert.Equal([0, 1, 2, 3, 4], order);
        Assert.True(gate.EnterAsync(inline: false).IsCompletedSuccessfully, "the last waiter released the gate");
    }

    [Fact]
    public async Task An_inline_waiter_runs_on_the_releasing_thread_before_release_returns()
    {
        var gate = new CommandGate();
        await gate.EnterAsync(inline: true);
        var ranOn = -1;
        var waiter = EnterThenRunAsync(gate, inline: true, () => ranOn = Environment.CurrentManagedThreadId);

        // From a pool thread, as the dispatcher releases: a test thread's synchronisation context forbids inlining.
        var (releasedOn, ranBeforeReturn) = await Task.Run(() =>
        {
            gate.Release();
            return (Environment.CurrentManagedThreadId, ranOn != -1);
        });

        Assert.True(ranBeforeReturn);
        Assert.Equal(releasedOn, ranOn);
        await waiter.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_waiter_that_is_not_inline_does_not_hold_up_the_release()
    {
        var gate = new CommandGate();
        await gate.EnterAsync(inline: true);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var mayLeave = new ManualResetEventSlim();
        var waiter = EnterThenRunAsync(gate, inline: false, () =>
        {
            entered.SetResult();
            mayLeave.Wait(3 * Timeout);
        });

        // Run inline, the waiter would block this release until it may leave.
        await Task.Run(gate.Release).WaitAsync(Timeout);

        await entered.Task.WaitAsync(Timeout);
        Assert.False(waiter.IsCompleted);
        mayLeave.Set();
        await waiter.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_next_one_enters()
    {
        var gate = new CommandGate();
        await gate.EnterAsync(inline: true);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(inline: true, cancel.Token).AsTask();
        var next = gate.EnterAsync(inline: true).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        Assert.False(next.IsCompleted);

        gate.Release();
        await next.WaitAsync(Timeout);
        Assert.False(gate.EnterAsync(inline: true).IsCompleted, "the next waiter holds the gate");
    }

    [Fact]
    public async Task A_long_queue_of_inline_waiters_all_enter_and_a_release_runs_at_most_one_of_them()
    {
        var gate = new CommandGate();
        await gate.EnterAsync(inline: true);
        var deepest = 0;
        var depth = new ThreadLocal<int>();
        var waiters = Enumerable.Range(0, 2_000).Select(async _ =>
        {
            await gate.EnterAsync(inline: true).ConfigureAwait(false);
            depth.Value++;
            deepest = Math.Max(deepest, depth.Value);
            gate.Release();
            depth.Value--;
        }).ToList();

        await Task.Run(gate.Release);
        await Task.WhenAll(waiters).WaitAsync(Timeout);

        Assert.InRange(deepest, 1, 2);
    }

    private static async Task EnterThenRecordAsync(CommandGate gate, int index, List<int> order, bool inline)
    {
        await gate.EnterAsync(inline).ConfigureAwait(false);
        order.Add(index);
        gate.Release();
    }

    /// <summary>Queues on the gate from the caller's thread, so the continuation is in place before the caller releases.</summary>
    private static async Task EnterThenRunAsync(CommandGate gate, bool inline, Action work)
    {
        await gate.EnterAsync(inline).ConfigureAwait(false);
        work();
        gate.Release();
    }
}
