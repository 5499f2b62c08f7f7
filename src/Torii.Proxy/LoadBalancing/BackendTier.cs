using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// The primary or the backup backends of one cluster, with the weight tables the
/// load balancers read on every pick. Immutable; rebuilt only when the cluster's
/// backends change.
/// </summary>
public sealed class BackendTier
{
    private readonly Backend[] _members;
    private readonly Backend[] _pickable;
    private readonly int[] _cumulativeWeights;
    private ulong[]? _idHashes;
    private MaglevTable? _maglev;

    public BackendTier(IEnumerable<Backend> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = [.. members];
        _pickable = Array.FindAll(_members, static backend => backend.Weight > 0);

        // Dividing by the common divisor keeps equal weights a strict rotation for round robin.
        int divisor = 0;
        foreach (Backend backend in _pickable)
        {
            divisor = GreatestCommonDivisor(divisor, backend.Weight);
        }

        _cumulativeWeights = new int[_pickable.Length];
        int total = 0;
        for (int i = 0; i < _pickable.Length; i++)
        {
            total += _pickable[i].Weight / divisor;
            _cumulativeWeights[i] = total;
        }

        TotalWeight = total;
        RoundRobinStride = ChooseStride(total);
        UniformWeights = Array.TrueForAll(_pickable, backend => backend.Weight == _pickable[0].Weight);
    }

    public static BackendTier Empty { get; } = new([]);

    /// <summary>Every backend of the tier in insertion order, drained ones included.</summary>
    public ReadOnlySpan<Backend> Members => _members;

    /// <summary>The backends with a weight above zero, the only ones a balancer may choose.</summary>
    public ReadOnlySpan<Backend> Pickable => _pickable;

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
    internal ulong[] IdHashes => _idHashes ??= Array.ConvertAll(_pickable, static backend => StableHash.Of(backend.Id));

    /// <summary>The MAGLEV lookup table of this tier: built once per backend set, on its first pick, never per request.</summary>
    internal MaglevTable Maglev => _maglev ??= MaglevTable.Build(_pickable);

    /// <summary>Index into <see cref="Pickable"/> of the backend owning a weight slot in [0, TotalWeight).</summary>
    internal int IndexOfSlot(int slot)
    {
        int low = 0;
        int high = _cumulativeWeights.Length - 1;
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
        if (_pickable.Length == 0)
        {
            return null;
        }

        for (int attempt = 0; attempt < LoadBalancingLimits.MaxProbes; attempt++)
        {
            Backend candidate = _pickable[IndexOfSlot(random.Next(TotalWeight))];
            if (IsUsable(candidate, nowMs, exclude))
            {
                return candidate;
            }
        }

        return FirstUsableFrom(random.Next(_pickable.Length), nowMs, exclude);
    }

    /// <summary>Scans every pickable backend once, starting at <paramref name="start"/> and wrapping.</summary>
    internal Backend? FirstUsableFrom(int start, long nowMs, Backend? exclude)
    {
        int count = _pickable.Length;
        for (int offset = 0; offset < count; offset++)
        {
            int index = start + offset;
            if (index >= count)
            {
                index -= count;
            }

            Backend candidate = _pickable[index];
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
        foreach (Backend backend in _pickable)
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
