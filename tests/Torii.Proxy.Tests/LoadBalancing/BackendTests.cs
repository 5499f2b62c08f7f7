using System.Net;
using Torii.Proxy.Backends;

namespace Torii.Proxy.Tests.LoadBalancing;

public sealed class BackendTests
{
    [Fact]
    public void StickyIdDefaultsToTheBackendId()
    {
        Assert.Equal("b1", TestBackends.Create("b1").StickyId);
        Assert.Equal("s1", TestBackends.Create("b1", stickyId: "s1").StickyId);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void WeightOutsideTheRangeIsRejected(int weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Backend("c", "b", new IPEndPoint(IPAddress.Loopback, 1), weight));
    }

    [Fact]
    public void CountersGoUpAndDown()
    {
        Backend backend = TestBackends.Create("b");
        backend.IncrementConnections();
        backend.IncrementConnections();
        backend.IncrementRequests();
        backend.DecrementConnections();

        Assert.Equal(1, backend.ActiveConnections);
        Assert.Equal(1, backend.ActiveRequests);
    }

    [Fact]
    public void CountersAreExactUnderConcurrency()
    {
        Backend backend = TestBackends.Create("b");
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                backend.IncrementConnections();
                backend.IncrementRequests();
                backend.DecrementRequests();
            }
        });

        Assert.Equal(80_000, backend.ActiveConnections);
        Assert.Equal(0, backend.ActiveRequests);
    }

    [Fact]
    public void ARemovedBackendIsNeverAvailable()
    {
        Backend backend = TestBackends.Create("b");
        Assert.True(backend.IsAvailable(0));

        backend.MarkRemoved();

        Assert.True(backend.IsRemoved);
        Assert.False(backend.IsAvailable(0));
        Assert.False(backend.IsAvailable(long.MaxValue));
    }

    [Fact]
    public void BackoffDoublesWithEachFailureAndIsCapped()
    {
        Backend backend = TestBackends.Create("b");
        long now = 1_000_000;
        long[] expected = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000];

        foreach (long backoff in expected)
        {
            long downUntil = backend.RecordConnectFailure(now);
            Assert.Equal(now + backoff, downUntil);
            Assert.False(backend.IsAvailable(now));
            Assert.False(backend.IsAvailable(downUntil - 1));
            Assert.True(backend.IsAvailable(downUntil));
            now = downUntil;
        }

        Assert.Equal(expected.Length, backend.ConsecutiveFailures);
    }

    [Fact]
    public void FailuresInsideTheDownWindowDoNotEscalateTheBackoff()
    {
        Backend backend = TestBackends.Create("b");

        backend.RecordConnectFailure(10_000);
        long downUntil = backend.RecordConnectFailure(10_500);

        Assert.Equal(11_000, downUntil);
        Assert.Equal(1, backend.ConsecutiveFailures);
    }

    [Fact]
    public void SuccessResetsTheFailureStreak()
    {
        Backend backend = TestBackends.Create("b");
        backend.RecordConnectFailure(0);
        backend.RecordConnectFailure(1_000);

        backend.RecordSuccess();

        Assert.Equal(0, backend.ConsecutiveFailures);
        Assert.True(backend.IsAvailable(1_001));
        Assert.Equal(5_000 + 1_000, backend.RecordConnectFailure(5_000));
    }
}
