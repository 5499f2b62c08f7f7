using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// Maglev's lookup table (Eisenbud et al., NSDI 2016) over the pickable backends of one tier:
/// every slot names a backend, each backend owning a share of slots proportional to its weight.
/// Each backend fills slots in the order of its own permutation of the table, derived from its id
/// alone, so a change of the set reassigns few slots. Immutable once built.
/// </summary>
internal sealed class MaglevTable
{
    /// <summary>
    /// The table size for every set of up to <see cref="MaxBackendsForDefaultSize"/> backends. Fixed rather
    /// than grown with the set: a different size is a different permutation for every backend, which would
    /// move nearly every key when a backend is added.
    /// </summary>
    public const int DefaultSize = 65_537;

    /// <summary>Above this many backends the table grows to keep at least 100 slots per backend, as Maglev advises.</summary>
    private const int MaxBackendsForDefaultSize = DefaultSize / 100;

    private const ulong OffsetSeed = 0x6A09E667F3BCC908UL;
    private const ulong SkipSeed = 0xBB67AE8584CAA73BUL;

    private readonly int[] _slots;

    private MaglevTable(int[] slots) => _slots = slots;

    public int Size => _slots.Length;

    /// <summary>Index into the tier's pickable backends of the slot's owner; -1 only for an empty tier.</summary>
    public int this[int slot] => _slots[slot];

    public static MaglevTable Build(ReadOnlySpan<Backend> backends)
    {
        if (backends.IsEmpty)
        {
            return new MaglevTable([-1]);
        }

        int size = SizeFor(backends.Length);
        int[] slots = new int[size];
        Array.Fill(slots, -1);
        int count = backends.Length;
        var position = new long[count];
        var skip = new long[count];
        var credit = new long[count];
        int maxWeight = 0;
        for (int i = 0; i < count; i++)
        {
            position[i] = (long)(StableHash.Of(backends[i].Id, OffsetSeed) % (ulong)size);
            skip[i] = (long)(StableHash.Of(backends[i].Id, SkipSeed) % (ulong)(size - 1)) + 1;
            maxWeight = Math.Max(maxWeight, backends[i].Weight);
        }

        // Weighted fill: every round each backend earns its weight in credit and claims one slot per
        // maxWeight of credit, so the heaviest claims one slot a round and the others in proportion.
        int filled = 0;
        while (true)
        {
            for (int i = 0; i < count; i++)
            {
                credit[i] += backends[i].Weight;
                while (credit[i] >= maxWeight)
                {
                    credit[i] -= maxWeight;
                    while (slots[position[i]] >= 0)
                    {
                        position[i] = (position[i] + skip[i]) % size;
                    }

                    slots[position[i]] = i;
                    position[i] = (position[i] + skip[i]) % size;
                    if (++filled == size)
                    {
                        return new MaglevTable(slots);
                    }
                }
            }
        }
    }

    private static int SizeFor(int backends)
    {
        if (backends <= MaxBackendsForDefaultSize)
        {
            return DefaultSize;
        }

        int candidate = checked(backends * 100) | 1;
        while (!IsPrime(candidate))
        {
            candidate += 2;
        }

        return candidate;
    }

    private static bool IsPrime(int value)
    {
        for (int divisor = 3; (long)divisor * divisor <= value; divisor += 2)
        {
            if (value % divisor == 0)
            {
                return false;
            }
        }

        return true;
    }
}
