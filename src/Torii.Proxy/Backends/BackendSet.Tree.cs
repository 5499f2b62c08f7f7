using System.Collections.Immutable;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Backends;

/// <summary>The tree form of a set of more than <see cref="MaxArrayBackends"/> backends: every change O(log n).</summary>
public sealed partial class BackendSet
{
    private BackendSet(BackendSetTree tree, BackendTier primary, BackendTier backup)
    {
        _tree = tree;
        Primary = primary;
        Backup = backup;
    }

    private static BackendSet CreateTree(Backend[] all)
    {
        var keys = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        var sticky = ImmutableDictionary.CreateBuilder<string, (long Holder, int Count)>(StringComparer.Ordinal);
        BackendTreeNode? order = null;
        BackendTreeNode? primary = null;
        BackendTreeNode? backup = null;
        int limited = 0;
        for (int key = 0; key < all.Length; key++)
        {
            Backend backend = all[key];
            if (keys.ContainsKey(backend.Id))
            {
                throw new ArgumentException($"backend '{backend.Id}' appears twice", nameof(all));
            }

            keys.Add(backend.Id, key);
            sticky[backend.StickyId] = sticky.TryGetValue(backend.StickyId, out var shared) ? (shared.Holder, shared.Count + 1) : (key, 1);
            order = BackendTreeNode.Set(order, key, backend);
            if (backend.IsBackup)
            {
                backup = BackendTreeNode.Set(backup, key, backend);
            }
            else
            {
                primary = BackendTreeNode.Set(primary, key, backend);
            }

            limited += backend.MaxConnections > 0 ? 1 : 0;
        }

        var tree = new BackendSetTree(order!, keys.ToImmutable(), sticky.ToImmutable(), all.Length, limited);
        return new BackendSet(tree, BackendTier.FromTree(primary), BackendTier.FromTree(backup));
    }

    private BackendSet WithInTree(Backend backend)
    {
        BackendSetTree tree = _tree!;
        BackendTier primary = Primary;
        BackendTier backup = Backup;
        ImmutableDictionary<string, long> keys = tree.Keys;
        ImmutableDictionary<string, (long Holder, int Count)> sticky = tree.Sticky;
        int limited = tree.LimitedCount;
        long nextKey = tree.NextKey;
        if (keys.TryGetValue(backend.Id, out long key))
        {
            // A replaced backend keeps its place in insertion order.
            Backend old = BackendTreeNode.Get(tree.Order, key)!;
            if (old.IsBackup != backend.IsBackup)
            {
                (primary, backup) = old.IsBackup ? (primary, backup.WithoutTree(key)) : (primary.WithoutTree(key), backup);
            }

            sticky = WithoutSticky(tree, sticky, old, key);
            limited -= old.MaxConnections > 0 ? 1 : 0;
        }
        else
        {
            key = nextKey++;
            keys = keys.Add(backend.Id, key);
        }

        sticky = sticky.SetItem(
            backend.StickyId,
            sticky.TryGetValue(backend.StickyId, out var shared) ? (Math.Min(shared.Holder, key), shared.Count + 1) : (key, 1));
        limited += backend.MaxConnections > 0 ? 1 : 0;
        (primary, backup) = backend.IsBackup ? (primary, backup.WithTree(key, backend)) : (primary.WithTree(key, backend), backup);
        var next = new BackendSetTree(BackendTreeNode.Set(tree.Order, key, backend), keys, sticky, nextKey, limited);
        return new BackendSet(next, primary, backup);
    }

    private BackendSet WithoutInTree(string backendId)
    {
        BackendSetTree tree = _tree!;
        if (!tree.Keys.TryGetValue(backendId, out long key))
        {
            return this;
        }

        Backend old = BackendTreeNode.Get(tree.Order, key)!;
        if (tree.Count - 1 <= MinTreeBackends)
        {
            // Small again: back to flat arrays, a bounded rebuild.
            Backend[] remaining = new Backend[tree.Count - 1];
            int position = 0;
            foreach (Backend backend in tree.All)
            {
                if (!ReferenceEquals(backend, old))
                {
                    remaining[position++] = backend;
                }
            }

            return new BackendSet(remaining);
        }

        var next = new BackendSetTree(
            BackendTreeNode.Remove(tree.Order, key)!,
            tree.Keys.Remove(backendId),
            WithoutSticky(tree, tree.Sticky, old, key),
            tree.NextKey,
            tree.LimitedCount - (old.MaxConnections > 0 ? 1 : 0));
        return old.IsBackup
            ? new BackendSet(next, Primary, Backup.WithoutTree(key))
            : new BackendSet(next, Primary.WithoutTree(key), Backup);
    }

    private Backend? FindInTree(string backendId)
    {
        ArgumentNullException.ThrowIfNull(backendId);
        BackendSetTree tree = _tree!;
        return tree.Keys.TryGetValue(backendId, out long key) ? BackendTreeNode.Get(tree.Order, key) : null;
    }

    /// <summary>The earliest backend with that sticky id. The immutable map has no span lookup: one string per sticky request on a large cluster.</summary>
    private Backend? FindStickyInTree(ReadOnlySpan<char> stickyId)
    {
        BackendSetTree tree = _tree!;
        return tree.Sticky.TryGetValue(stickyId.ToString(), out var shared) ? BackendTreeNode.Get(tree.Order, shared.Holder) : null;
    }

    /// <summary>
    /// The sticky map without <paramref name="old"/>. When it held a sticky id that others share, the
    /// earliest of those takes it over: a scan, paid only by clusters whose backends share sticky ids.
    /// </summary>
    private static ImmutableDictionary<string, (long Holder, int Count)> WithoutSticky(
        BackendSetTree tree,
        ImmutableDictionary<string, (long Holder, int Count)> sticky,
        Backend old,
        long key)
    {
        var shared = sticky[old.StickyId];
        if (shared.Count == 1)
        {
            return sticky.Remove(old.StickyId);
        }

        if (shared.Holder != key)
        {
            return sticky.SetItem(old.StickyId, (shared.Holder, shared.Count - 1));
        }

        foreach (Backend candidate in tree.All)
        {
            if (!ReferenceEquals(candidate, old) && candidate.StickyId == old.StickyId)
            {
                return sticky.SetItem(old.StickyId, (tree.Keys[candidate.Id], shared.Count - 1));
            }
        }

        throw new InvalidOperationException($"sticky id '{old.StickyId}' counted {shared.Count} holders but has one");
    }
}
