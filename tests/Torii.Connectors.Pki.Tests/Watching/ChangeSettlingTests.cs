using System.Diagnostics;
using System.Threading.Channels;
using Torii.Connectors.Pki.Watching;

namespace Torii.Connectors.Pki.Tests.Watching;

public sealed class ChangeSettlingTests
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    [Fact]
    public async Task Without_changes_it_wakes_for_the_rescan()
    {
        Wake wake = await ChangeSettling.WaitAsync(_changes.Reader, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(Wake.Rescan, wake);
    }

    [Fact]
    public async Task A_change_wakes_it_once_quiet()
    {
        _changes.Writer.TryWrite(true);

        Wake wake = await ChangeSettling.WaitAsync(_changes.Reader, TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.Equal(Wake.Changed, wake);
    }

    [Fact]
    public async Task A_burst_of_changes_is_waited_out_until_it_has_been_quiet_for_the_debounce()
    {
        TimeSpan quiet = TimeSpan.FromMilliseconds(400);
        var clock = Stopwatch.StartNew();
        Task<Wake> waiting = ChangeSettling.WaitAsync(_changes.Reader, TimeSpan.FromHours(1), quiet, CancellationToken.None);
        TimeSpan lastChange = TimeSpan.Zero;
        for (int change = 0; change < 10; change++)
        {
            // Read before the write: the waiter may see the change before this thread runs again.
            lastChange = clock.Elapsed;
            _changes.Writer.TryWrite(true);
            Assert.False(waiting.IsCompleted, $"woke during the burst, after change {change}");
            await Task.Delay(20);
        }

        Wake wake = await waiting;

        Assert.Equal(Wake.Changed, wake);
        // .NET timers count in coarse milliseconds (a few ms on Linux), so they may fire that much before the Stopwatch says.
        TimeSpan timerResolution = TimeSpan.FromMilliseconds(20);
        Assert.True(clock.Elapsed >= lastChange + quiet - timerResolution, $"woke {clock.Elapsed - lastChange} after the last change");
    }

    [Fact]
    public async Task Stopping_ends_the_wait()
    {
        using var stopping = new CancellationTokenSource();
        Task<Wake> waiting = ChangeSettling.WaitAsync(_changes.Reader, TimeSpan.FromHours(1), TimeSpan.FromHours(1), stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
