using Torii.Proxy.Connections;
using Torii.Proxy.Sockets;

namespace Torii.Proxy.Tests.Connections;

public sealed class ConnectionDeadlineTests
{
    [Fact]
    public void An_expired_deadline_cancels_the_token_in_use_and_every_later_one()
    {
        using var deadline = new ConnectionDeadline();
        var inUse = deadline.Token;
        Pass(deadline, TimeoutKind.Request);

        Assert.True(inUse.IsCancellationRequested);
        Assert.Equal(TimeoutKind.Request, deadline.ExpiredKind);
        deadline.ReleaseToken();
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_released_source_serves_another_connection_and_the_first_ones_expiry_leaves_it_alone()
    {
        using var first = new ConnectionDeadline();
        using var second = new ConnectionDeadline();
        var firstToken = first.Token;
        first.ReleaseToken();

        // The pool is per thread and last in, first out: the second deadline gets the first one's source.
        var secondToken = second.Token;
        Assert.Equal(firstToken, secondToken);

        Pass(first, TimeoutKind.Idle);

        Assert.False(secondToken.IsCancellationRequested);
        Assert.True(first.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_parked_wait_fails_when_the_deadline_passes()
    {
        using var deadline = new ConnectionDeadline();
        var readiness = new Readiness();
        var wait = readiness.WaitZeroAsync(CancellationToken.None);
        deadline.Park(readiness);
        Assert.False(wait.IsCompleted);

        Pass(deadline, TimeoutKind.Idle);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
        Assert.Equal(TimeoutKind.Idle, deadline.ExpiredKind);
    }

    [Fact]
    public async Task A_wait_parked_after_the_deadline_passed_fails_at_once()
    {
        using var deadline = new ConnectionDeadline();
        Pass(deadline, TimeoutKind.Idle);

        var readiness = new Readiness();
        var wait = readiness.WaitZeroAsync(CancellationToken.None);
        deadline.Park(readiness);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
    }

    [Fact]
    public async Task An_unparked_wait_is_left_to_its_socket()
    {
        using var deadline = new ConnectionDeadline();
        var readiness = new Readiness();
        var wait = readiness.WaitZeroAsync(CancellationToken.None);
        deadline.Park(readiness);
        deadline.Unpark();

        Pass(deadline, TimeoutKind.Idle);
        Assert.False(wait.IsCompleted);

        readiness.Signal();
        Assert.Equal(0, await wait);
    }

    [Fact]
    public void A_disposed_deadline_leaves_the_scanner_and_its_slot_is_given_again()
    {
        var slots = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            var deadline = new ConnectionDeadline();
            slots.Add(deadline.Slot);
            deadline.Dispose();
            Assert.Equal(-1, deadline.Slot);
        }

        // Without reuse these would be 1,000 slots; tests running beside this one hold a few at a time.
        Assert.InRange(slots.Count, 1, 100);
    }

    [Fact]
    public void A_deadline_not_yet_passed_does_not_expire()
    {
        using var deadline = new ConnectionDeadline();
        deadline.Arm(TimeSpan.FromMinutes(1), TimeoutKind.Request);

        deadline.Check(Environment.TickCount64);

        Assert.False(deadline.HasExpired);
        Assert.False(deadline.Token.IsCancellationRequested);
    }

    /// <summary>Arms the deadline already passed and lets the scanner find it.</summary>
    private static void Pass(ConnectionDeadline deadline, TimeoutKind kind)
    {
        deadline.Arm(TimeSpan.Zero, kind);
        deadline.Check(Environment.TickCount64);
    }
}
