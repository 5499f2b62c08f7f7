using System.Collections.Immutable;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Backends;

/// <summary>
/// The persistent indexes of a large <see cref="BackendSet"/>: every backend keyed by its insertion
/// sequence, the sequence of each id, and for each sticky id the earliest backend holding it and how
/// many share it. A change replaces O(log n) nodes of each and shares the rest with the previous set.
/// </summary>
internal sealed class BackendSetTree(
    BackendTreeNode order,
    ImmutableDictionary<string, long> keys,
    ImmutableDictionary<string, (long Holder, int Count)> sticky,
    long nextKey,
    int limitedCount)
{
    private Backend[]? _all;

    /// <summary>All backends keyed by insertion sequence, so in-order is insertion order.</summary>
    public BackendTreeNode Order { get; } = order;

    public ImmutableDictionary<string, long> Keys { get; } = keys;

    public ImmutableDictionary<string, (long Holder, int Count)> Sticky { get; } = sticky;

    /// <summary>The sequence the next added backend takes; a replaced backend keeps its own.</summary>
    public long NextKey { get; } = nextKey;

    /// <summary>How many backends have a max_connections.</summary>
    public int LimitedCount { get; } = limitedCount;

    public int Count => Order.Count;

    /// <summary>All backends in insertion order, flattened on first use (queries, saves: O(n) anyway).</summary>
    public ReadOnlySpan<Backend> All
    {
        get
        {
            if (_all is null)
            {
                var all = new Backend[Order.Count];
                BackendTreeNode.CopyTo(Order, all, 0);
                _all = all;
            }

            return _all;
        }
    }
}
