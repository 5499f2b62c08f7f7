using Torii.Protocol;
using Torii.Proxy.Backends;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Tests.LoadBalancing;

/// <summary>Behaviour every algorithm must share.</summary>
[Collection("allocation measurements")]
public sealed class LoadBalancerContractTests
{
    private static ILoadBalancer Seeded(LoadBalancingAlgorithms algorithm) => algorithm switch
    {
        LoadBalancingAlgorithms.Random => new RandomLoadBalancer(new Random(42)),
        LoadBalancingAlgorithms.PowerOfTwo => new PowerOfTwoLoadBalancer(new Random(42)),
        _ => LoadBalancerFactory.Create(algorithm),
    };

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void AnEmptySetGivesNull(LoadBalancingAlgorithms algorithm)
    {
        Assert.Null(Seeded(algorithm).Pick(BackendSet.Empty, 0));
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void EveryAvailablePrimaryIsUsed(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = Seeded(algorithm);
        BackendSet set = TestBackends.Set(TestBackends.Create("a"), TestBackends.Create("b"), TestBackends.Create("c"));

        // Keyed balancers spread by key: each pick gets another one (the others ignore it).
        ulong key = 0;
        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 0, key: key++), 300);

        Assert.Equal(["a", "b", "c"], counts.Keys.Order());
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void DrainedRemovedAndDownBackendsAreNeverPicked(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = Seeded(algorithm);
        Backend drained = TestBackends.Create("drained", weight: 0);
        Backend removed = TestBackends.Create("removed");
        Backend down = TestBackends.Create("down");
        Backend healthy = TestBackends.Create("healthy");
        BackendSet set = TestBackends.Set(drained, removed, down, healthy);
        removed.MarkRemoved();
        down.RecordConnectFailure(0);

        Dictionary<string, int> counts = TestBackends.Tally(() => balancer.Pick(set, 500), 200);

        Assert.Equal(["healthy"], counts.Keys);
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void ExcludeSendsTheRetryToAnotherBackend(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = Seeded(algorithm);
        Backend a = TestBackends.Create("a");
        Backend b = TestBackends.Create("b");
        BackendSet set = TestBackends.Set(a, b);

        for (int i = 0; i < 100; i++)
        {
            Assert.Same(b, balancer.Pick(set, 0, exclude: a));
            Assert.Same(a, balancer.Pick(set, 0, exclude: b));
        }
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void ExcludingTheOnlyBackendGivesNull(LoadBalancingAlgorithms algorithm)
    {
        Backend only = TestBackends.Create("only");

        Assert.Null(Seeded(algorithm).Pick(TestBackends.Set(only), 0, exclude: only));
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void BackupsServeOnlyWhenNoPrimaryIsAvailable(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = Seeded(algorithm);
        Backend primary1 = TestBackends.Create("p1");
        Backend primary2 = TestBackends.Create("p2");
        Backend backup = TestBackends.Create("backup", isBackup: true);
        BackendSet set = TestBackends.Set(primary1, backup, primary2);

        Assert.DoesNotContain("backup", TestBackends.Tally(() => balancer.Pick(set, 0), 200).Keys);

        primary1.RecordConnectFailure(0);
        Assert.Equal(["p2"], TestBackends.Tally(() => balancer.Pick(set, 10), 50).Keys);

        primary2.RecordConnectFailure(0);
        Assert.Equal(["backup"], TestBackends.Tally(() => balancer.Pick(set, 10), 50).Keys);

        Assert.Contains(balancer.Pick(set, 1_000)!.Id, new[] { "p1", "p2" });
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void ABackupIsUsedToRetryWhenTheOnlyPrimaryIsExcluded(LoadBalancingAlgorithms algorithm)
    {
        Backend primary = TestBackends.Create("p");
        Backend backup = TestBackends.Create("backup", isBackup: true);

        Assert.Same(backup, Seeded(algorithm).Pick(TestBackends.Set(primary, backup), 0, exclude: primary));
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void ADownBackendComesBackAfterItsBackoff(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = Seeded(algorithm);
        Backend flaky = TestBackends.Create("flaky");
        BackendSet set = TestBackends.Set(flaky);

        flaky.RecordConnectFailure(10_000);
        Assert.Null(balancer.Pick(set, 10_999));
        Assert.Same(flaky, balancer.Pick(set, 11_000));

        flaky.RecordConnectFailure(11_000);
        Assert.Null(balancer.Pick(set, 12_999));
        Assert.Same(flaky, balancer.Pick(set, 13_000));

        flaky.RecordSuccess();
        flaky.RecordConnectFailure(20_000);
        Assert.Same(flaky, balancer.Pick(set, 21_000));
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void NothingAvailableGivesNull(LoadBalancingAlgorithms algorithm)
    {
        Backend a = TestBackends.Create("a");
        Backend backup = TestBackends.Create("b", isBackup: true);
        Backend drained = TestBackends.Create("c", weight: 0);
        a.RecordConnectFailure(0);
        backup.MarkRemoved();

        Assert.Null(Seeded(algorithm).Pick(TestBackends.Set(a, backup, drained), 1));
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void OneAvailableAmongManyDownIsFound(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = Seeded(algorithm);
        Backend[] backends = [.. Enumerable.Range(0, 50).Select(i => TestBackends.Create($"b{i}"))];
        foreach (Backend backend in backends.Where(backend => backend.Id != "b37"))
        {
            backend.RecordConnectFailure(0);
        }

        BackendSet set = TestBackends.Set(backends);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal("b37", balancer.Pick(set, 1)?.Id);
        }
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void ConcurrentPicksNeverReturnNullWhileBackendsAreAvailable(LoadBalancingAlgorithms algorithm)
    {
        // Random.Shared: seeded instances are not thread-safe.
        ILoadBalancer balancer = LoadBalancerFactory.Create(algorithm);
        Backend[] backends = [.. Enumerable.Range(0, 5).Select(i => TestBackends.Create($"b{i}", weight: 10 * (i + 1)))];
        backends[0].RecordConnectFailure(0);
        BackendSet set = TestBackends.Set([.. backends, TestBackends.Create("backup", isBackup: true)]);
        int nulls = 0;
        int backupPicks = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                Backend? picked = balancer.Pick(set, 1, exclude: i % 7 == 0 ? backends[2] : null);
                if (picked is null)
                {
                    Interlocked.Increment(ref nulls);
                    continue;
                }

                if (picked.IsBackup)
                {
                    Interlocked.Increment(ref backupPicks);
                }

                picked.IncrementConnections();
                picked.DecrementConnections();
            }
        });

        Assert.Equal(0, nulls);
        Assert.Equal(0, backupPicks);
    }

    [Theory]
    [InlineData(LoadBalancingAlgorithms.RoundRobin)]
    [InlineData(LoadBalancingAlgorithms.Random)]
    [InlineData(LoadBalancingAlgorithms.LeastLoaded)]
    [InlineData(LoadBalancingAlgorithms.PowerOfTwo)]
    [InlineData(LoadBalancingAlgorithms.Hrw)]
    [InlineData(LoadBalancingAlgorithms.Maglev)]
    public void PickDoesNotAllocate(LoadBalancingAlgorithms algorithm)
    {
        ILoadBalancer balancer = Seeded(algorithm);
        Backend down = TestBackends.Create("down", weight: 30);
        BackendSet set = TestBackends.Set(down, TestBackends.Create("a", weight: 10), TestBackends.Create("b", weight: 20), TestBackends.Create("backup", isBackup: true));
        down.RecordConnectFailure(0);

        // The first pass lets the JIT tier the loop up (on-stack replacement can allocate on this
        // thread); only the second, on the final code, is measured.
        PickMany(balancer, set, down);
        long before = GC.GetAllocatedBytesForCurrentThread();
        PickMany(balancer, set, down);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void PickMany(ILoadBalancer balancer, BackendSet set, Backend down)
    {
        for (int i = 0; i < 10_000; i++)
        {
            balancer.Pick(set, 1);
            balancer.Pick(set, 1, exclude: down);
        }
    }
}
