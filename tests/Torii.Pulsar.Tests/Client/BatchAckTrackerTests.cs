namespace Torii.Pulsar.Tests;

public sealed class BatchAckTrackerTests
{
    [Fact]
    public void The_batch_is_complete_exactly_when_its_last_message_is_acknowledged()
    {
        var tracker = new BatchAckTracker(3);

        Assert.False(tracker.Acknowledge(2));
        Assert.False(tracker.Acknowledge(0));
        Assert.False(tracker.Acknowledge(0));
        Assert.True(tracker.Acknowledge(1));
        Assert.False(tracker.Acknowledge(1));
    }

    [Fact]
    public void Indexes_outside_the_batch_are_ignored()
    {
        var tracker = new BatchAckTracker(1);

        Assert.False(tracker.Acknowledge(-1));
        Assert.False(tracker.Acknowledge(1));
        Assert.True(tracker.Acknowledge(0));
    }
}
