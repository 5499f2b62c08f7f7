using System.Net;
using System.Text;
using Torii.Proxy.Backends;

namespace Torii.Proxy.Tests.LoadBalancing;

[Collection("allocation measurements")]
public sealed class BackendSetTests
{
    [Fact]
    public void BackendsAreSplitIntoPrimaryAndBackupTiers()
    {
        Backend a = TestBackends.Create("a");
        Backend b = TestBackends.Create("b", isBackup: true);
        Backend c = TestBackends.Create("c");

        BackendSet set = TestBackends.Set(a, b, c);

        Assert.Equal([a, b, c], set.All.ToArray());
        Assert.Equal([a, c], set.Primary.Members.ToArray());
        Assert.Equal([b], set.Backup.Members.ToArray());
    }

    [Fact]
    public void DrainedBackendsAreMembersButNotPickable()
    {
        Backend a = TestBackends.Create("a");
        Backend drained = TestBackends.Create("d", weight: 0);

        BackendSet set = TestBackends.Set(a, drained);

        Assert.Equal(2, set.Primary.Members.Length);
        Assert.Equal([a], set.Primary.Pickable.ToArray());
    }

    [Fact]
    public void WithAddsAndLeavesTheOriginalUntouched()
    {
        BackendSet original = TestBackends.Set(TestBackends.Create("a"));
        Backend b = TestBackends.Create("b");

        BackendSet next = original.With(b);

        Assert.Equal(1, original.Count);
        Assert.Equal(2, next.Count);
        Assert.Same(b, next.Find("b"));
        Assert.Null(original.Find("b"));
    }

    [Fact]
    public void WithReplacesTheBackendOfTheSameIdInPlace()
    {
        Backend a = TestBackends.Create("a");
        Backend b = TestBackends.Create("b");
        Backend newA = TestBackends.Create("a", weight: 7);

        BackendSet set = TestBackends.Set(a, b).With(newA);

        Assert.Equal([newA, b], set.All.ToArray());
        Assert.Equal(7, set.Find("a")!.Weight);
    }

    [Fact]
    public void WithRejectsABackendOfAnotherCluster()
    {
        BackendSet set = TestBackends.Set(TestBackends.Create("a"));
        var other = new Backend("other", "x", new IPEndPoint(IPAddress.Loopback, 1));

        Assert.Throws<ArgumentException>(() => set.With(other));
    }

    [Fact]
    public void WithoutRemovesByIdAndKeepsObjects()
    {
        Backend a = TestBackends.Create("a");
        Backend b = TestBackends.Create("b", isBackup: true);
        BackendSet set = TestBackends.Set(a, b);

        BackendSet withoutB = set.Without("b");

        Assert.Equal([a], withoutB.All.ToArray());
        Assert.True(withoutB.Backup.Members.IsEmpty);
        Assert.False(withoutB.Contains("b"));
        Assert.True(set.Contains("b"));
        Assert.Same(set, set.Without("missing"));
        Assert.Same(BackendSet.Empty, withoutB.Without("a"));
    }

    [Fact]
    public void DuplicateIdsAreRejectedAtCreation()
    {
        Assert.Throws<ArgumentException>(() =>
            TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("a")));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    public void SmallAndLargeSetsFindByIdRejectDuplicatesAndGiveASharedStickyIdToTheEarlierBackend(int count)
    {
        // Up to 8 backends are scanned, beyond that looked up in dictionaries: both must answer the same.
        Backend[] backends = [.. Enumerable.Range(0, count).Select(i => TestBackends.Create($"b{i}", stickyId: i < 2 ? "shared" : null))];
        BackendSet set = TestBackends.Set(backends);

        Assert.Same(backends[0], set.FindSticky("shared".AsSpan(), 0));
        Assert.Same(backends[^1], set.Find($"b{count - 1}"));
        Assert.Same(backends[^1], set.FindSticky(Encoding.UTF8.GetBytes($"b{count - 1}"), 0));
        Assert.True(set.Contains("b1"));
        Assert.False(set.Contains("missing"));
        Assert.Null(set.Find("missing"));
        Assert.Same(backends[1], set.Without("b0").FindSticky("shared".AsSpan(), 0));
        Assert.Throws<ArgumentException>(() => TestBackends.Set([.. backends, TestBackends.Create("b1")]));
    }

    [Fact]
    public void FindStickyByCharsAndByBytes()
    {
        Backend a = TestBackends.Create("a", stickyId: "sticky-a");
        Backend b = TestBackends.Create("b");
        BackendSet set = TestBackends.Set(a, b);

        Assert.Same(a, set.FindSticky("sticky-a".AsSpan(), 0));
        Assert.Same(a, set.FindSticky("sticky-a"u8, 0));
        Assert.Same(b, set.FindSticky("b".AsSpan(), 0));
        Assert.Null(set.FindSticky("a".AsSpan(), 0));
        Assert.Null(set.FindSticky(ReadOnlySpan<byte>.Empty, 0));
    }

    [Fact]
    public void FindStickyWithAValueLongerThanTheStackBuffer()
    {
        string longId = new('x', 1_000);
        Backend a = TestBackends.Create("a", stickyId: longId);
        BackendSet set = TestBackends.Set(a);

        Assert.Same(a, set.FindSticky(Encoding.UTF8.GetBytes(longId), 0));
    }

    [Fact]
    public void FindStickyIgnoresDownAndRemovedBackendsButKeepsDrainedOnes()
    {
        Backend down = TestBackends.Create("down");
        Backend removed = TestBackends.Create("removed");
        Backend drained = TestBackends.Create("drained", weight: 0);
        BackendSet set = TestBackends.Set(down, removed, drained);
        down.RecordConnectFailure(0);
        removed.MarkRemoved();

        Assert.Null(set.FindSticky("down".AsSpan(), 10));
        Assert.Same(down, set.FindSticky("down".AsSpan(), 1_000));
        Assert.Null(set.FindSticky("removed".AsSpan(), 10));
        Assert.Same(drained, set.FindSticky("drained".AsSpan(), 10));
    }

    [Fact]
    public void FindStickyDoesNotAllocate()
    {
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b"));
        set.FindSticky("b"u8, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            set.FindSticky("b"u8, 0);
            set.FindSticky("a".AsSpan(), 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
