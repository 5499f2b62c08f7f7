using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// The primary or the backup backends of one cluster, with the weight tables the
/// load balancers read on every pick. Immutable. A small tier keeps flat arrays, rebuilt when
/// the cluster's backends change (a bounded cost); a large one keeps persistent trees
/// (<see cref="BackendTreeNode"/>) that a change updates in O(log n), so a backend change
/// never costs O(cluster size).
/// </summary>
public sealed class BackendTier
{
    private readonly BackendTreeNode? _memberTree;
    private readonly BackendTreeNode? _pickableTree;
    private readonly int _divisor;
    private Backend[]? _members;
    private Backend[]? _pickable;
    /// <summary>
    /// Running totals of the pickable weights after division by their divisor; read up to <see cref="PickableCount"/>
    /// only, since equal weights share <see cref="AscendingWeights"/>.
    /// </summary>
    private readonly int[] _cumulativeWeights;
    // HRW's id hashes (ulong[]) or the MAGLEV table, whichever the cluster's balancer asked for last: one slot for
    // both, since a tier serves one balancer (a second field was 8 bytes a cluster, bench/run.sh scenario s).
    private object? _keyedTable;

    public BackendTier(IEnumerable<Backend> members)
        : this(CopyOf(members))
    {
    }

    /// <summary>
    /// A tier over <paramref name="members"/> itself, which nobody changes afterwards. Its pickable backends are that
    /// array when every weight is above zero, and equal weights share one table of cumulative weights: a cluster's
    /// single backend cost three arrays more (bench/run.sh scenario s).
    /// </summary>
    private BackendTier(Backend[] members)
    {
        _members = members;
        _pickable = Array.TrueForAll(members, static backend => backend.Weight > 0)
            ? members
            : Array.FindAll(members, static backend => backend.Weight > 0);

        // Dividing by the common divisor keeps equal weights a strict rotation for round robin.
        int divisor = 0;
        foreach (Backend backend in _pickable)
        {
            divisor = GreatestCommonDivisor(divisor, backend.Weight);
        }

        UniformWeights = Array.TrueForAll(_pickable, backend => backend.Weight == _pickable[0].Weight);
        int total = 0;
        if (UniformWeights && _pickable.Length <= AscendingWeights.Length)
        {
            // Equal weights divided by their divisor are 1 each: the running totals are 1, 2, 3...
            _cumulativeWeights = AscendingWeights;
            total = _pickable.Length;
        }
        else
        {
            _cumulativeWeights = new int[_pickable.Length];
            for (int i = 0; i < _pickable.Length; i++)
            {
                total += _pickable[i].Weight / divisor;
                _cumulativeWeights[i] = total;
            }
        }

        TotalWeight = total;
        RoundRobinStride = ChooseStride(total);
    }

    /// <summary>A tier that takes <paramref name="members"/> as its own: the caller never changes the array afterwards.</summary>
    internal static BackendTier Owning(Backend[] members) => new(members);

    private static Backend[] CopyOf(IEnumerable<Backend> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return [.. members];
    }

    /// <summary>A tier in tree form: members keyed by the set's insertion sequence, pickable ones (weight above zero) apart.</summary>
    private BackendTier(BackendTreeNode? memberTree, BackendTreeNode? pickableTree)
    {
        IsTree = true;
        _memberTree = memberTree;
        _pickableTree = pickableTree;
        _cumulativeWeights = [];
        if (pickableTree is not null)
        {
            _divisor = pickableTree.Gcd;
            TotalWeight = checked((int)(pickableTree.WeightSum / _divisor));
            RoundRobinStride = ChooseStride(TotalWeight);
            UniformWeights = pickableTree.MinWeight == pickableTree.MaxWeight;
        }
    }

    /// <summary>The cumulative weights of equal weights (each 1 after division), up to the largest array tier.</summary>
    private static readonly int[] AscendingWeights = [.. Enumerable.Range(1, BackendSet.MaxArrayBackends)];

    public static BackendTier Empty { get; } = Owning([]);

    /// <summary>Every backend of the tier in insertion order, drained ones included.</summary>
    public ReadOnlySpan<Backend> Members => _members ??= Flatten(_memberTree);

    /// <summary>
    /// The backends with a weight above zero, the only ones a balancer may choose. A tree tier builds
    /// this array on first use: only balancers that scan every backend per pick (HRW, least loaded,
    /// the MAGLEV table) ask for it; the others read <see cref="PickableAt"/>.
    /// </summary>
    public ReadOnlySpan<Backend> Pickable => PickableArray;

    private Backend[] PickableArray => _pickable ??= Flatten(_pickableTree);

    /// <summary>How many backends <see cref="Pickable"/> holds.</summary>
    public int PickableCount => IsTree ? BackendTreeNode.CountOf(_pickableTree) : _pickable!.Length;

    /// <summary>Whether the tier is kept as persistent trees rather than flat arrays.</summary>
    internal bool IsTree { get; }

    /// <summary>Sum of the pickable weights after division by their common divisor.</summary>
    public int TotalWeight { get; }

    /// <summary>
    /// A step coprime with <see cref="TotalWeight"/>, close to its golden-ratio fraction:
    /// walking the weight slots with it visits every slot once per cycle while
    /// spreading each backend's slots apart, which interleaves heavy and light backends.
    /// </summary>
    internal int RoundRobinStride { get; }

    /// <summary>Whether every pickable backend has the same weight: HRW then compares raw hashes.</summary>
    internal bool UniformWeights { get; }

    /// <summary>
    /// <see cref="StableHash"/> of each pickable backend's id, for HRW. Built on first use, so only
    /// tiers of keyed clusters pay for it; two threads racing build equal arrays, either one is kept.
    /// </summary>
    internal ulong[] IdHashes => _keyedTable as ulong[] ?? (ulong[])(_keyedTable = Array.ConvertAll(PickableArray, static backend => StableHash.Of(backend.Id)));

    /// <summary>The MAGLEV lookup table of this tier: built once per backend set, on its first pick, never per request.</summary>
    internal MaglevTable Maglev => _keyedTable as MaglevTable ?? (MaglevTable)(_keyedTable = MaglevTable.Build(PickableArray));

    /// <summary>The pickable backend at <paramref name="index"/> in [0, <see cref="PickableCount"/>).</summary>
    internal Backend PickableAt(int index) =>
        _pickableTree is null ? _pickable![index] : BackendTreeNode.At(_pickableTree, index);

    /// <summary>A tree tier built from scratch, for a set that grows past the array limit.</summary>
    internal static BackendTier FromTree(BackendTreeNode? memberTree) =>
        new(memberTree, PickableOf(memberTree, null));

    /// <summary>This tree tier with <paramref name="backend"/> at sequence <paramref name="key"/>, added or replacing.</summary>
    internal BackendTier WithTree(long key, Backend backend)
    {
        BackendTreeNode? pickable = backend.Weight > 0
            ? BackendTreeNode.Set(_pickableTree, key, backend)
            : BackendTreeNode.Remove(_pickableTree, key);
        return new BackendTier(BackendTreeNode.Set(_memberTree, key, backend), pickable);
    }

    /// <summary>This tree tier without the backend at sequence <paramref name="key"/>.</summary>
    internal BackendTier WithoutTree(long key) =>
        new(BackendTreeNode.Remove(_memberTree, key), BackendTreeNode.Remove(_pickableTree, key));

    /// <summary>Index into <see cref="Pickable"/> of the backend owning a weight slot in [0, TotalWeight).</summary>
    internal int IndexOfSlot(int slot)
    {
        if (_pickableTree is not null)
        {
            return BackendTreeNode.IndexOfWeight(_pickableTree, (long)slot * _divisor);
        }

        int low = 0;
        int high = PickableCount - 1;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_cumulativeWeights[middle] > slot)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>A weighted random usable backend, or null after a bounded number of misses.</summary>
    internal Backend? SampleUsable(Random random, long nowMs, Backend? exclude)
    {
        if (PickableCount == 0)
        {
            return null;
        }

        for (int attempt = 0; attempt < LoadBalancingLimits.MaxProbes; attempt++)
        {
            Backend candidate = PickableAt(IndexOfSlot(random.Next(TotalWeight)));
            if (IsUsable(candidate, nowMs, exclude))
            {
                return candidate;
            }
        }

        return FirstUsableFrom(random.Next(PickableCount), nowMs, exclude);
    }

    /// <summary>Scans every pickable backend once, starting at <paramref name="start"/> and wrapping.</summary>
    internal Backend? FirstUsableFrom(int start, long nowMs, Backend? exclude)
    {
        // A tree tier scans its flattened array: this fallback runs only when the probes all missed.
        ReadOnlySpan<Backend> pickable = Pickable;
        int count = pickable.Length;
        for (int offset = 0; offset < count; offset++)
        {
            int index = start + offset;
            if (index >= count)
            {
                index -= count;
            }

            Backend candidate = pickable[index];
            if (IsUsable(candidate, nowMs, exclude))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether a backend with a weight above zero is up, whether or not it is at its limit.</summary>
    internal bool AnyUp(long nowMs)
    {
        foreach (Backend backend in Pickable)
        {
            if (backend.IsUp(nowMs))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsUsable(Backend backend, long nowMs, Backend? exclude) =>
        !ReferenceEquals(backend, exclude) && backend.IsAvailable(nowMs);

    private static Backend[] Flatten(BackendTreeNode? tree)
    {
        var backends = new Backend[BackendTreeNode.CountOf(tree)];
        BackendTreeNode.CopyTo(tree, backends, 0);
        return backends;
    }

    private static BackendTreeNode? PickableOf(BackendTreeNode? node, BackendTreeNode? pickable)
    {
        while (node is not null)
        {
            pickable = PickableOf(node.Left, pickable);
            if (node.Backend.Weight > 0)
            {
                pickable = BackendTreeNode.Set(pickable, node.Key, node.Backend);
            }

            node = node.Right;
        }

        return pickable;
    }

    private static int ChooseStride(int total)
    {
        if (total <= 2)
        {
            return 1;
        }

        int stride = (int)Math.Round(total * 0.6180339887498949);
        while (GreatestCommonDivisor(stride, total) != 1)
        {
            stride++;
        }

        return stride;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
