using Torii.Proxy.Backends;

namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// One node of a persistent AVL tree of backends ordered by insertion sequence, each subtree carrying
/// its count, weight sum and weight gcd. A change copies only the O(log n) nodes on its path, so a set
/// of 10,000 backends changes as cheaply as one of 100, and older snapshots keep their tree.
/// </summary>
internal sealed class BackendTreeNode
{
    private BackendTreeNode(long key, Backend backend, BackendTreeNode? left, BackendTreeNode? right)
    {
        Key = key;
        Backend = backend;
        Left = left;
        Right = right;
        Height = Math.Max(HeightOf(left), HeightOf(right)) + 1;
        Count = CountOf(left) + CountOf(right) + 1;
        WeightSum = WeightOf(left) + WeightOf(right) + backend.Weight;
        Gcd = GreatestCommonDivisor(GreatestCommonDivisor(GcdOf(left), GcdOf(right)), backend.Weight);
        MinWeight = Math.Min(Math.Min(MinOf(left), MinOf(right)), backend.Weight);
        MaxWeight = Math.Max(Math.Max(MaxOf(left), MaxOf(right)), backend.Weight);
    }

    public long Key { get; }

    public Backend Backend { get; }

    public BackendTreeNode? Left { get; }

    public BackendTreeNode? Right { get; }

    public int Height { get; }

    public int Count { get; }

    public long WeightSum { get; }

    public int Gcd { get; }

    public int MinWeight { get; }

    public int MaxWeight { get; }

    public static int CountOf(BackendTreeNode? node) => node?.Count ?? 0;

    /// <summary>The tree with <paramref name="backend"/> at <paramref name="key"/>, added or replacing the one there.</summary>
    public static BackendTreeNode Set(BackendTreeNode? node, long key, Backend backend)
    {
        if (node is null)
        {
            return new BackendTreeNode(key, backend, null, null);
        }

        if (key < node.Key)
        {
            return Balance(node.Key, node.Backend, Set(node.Left, key, backend), node.Right);
        }

        if (key > node.Key)
        {
            return Balance(node.Key, node.Backend, node.Left, Set(node.Right, key, backend));
        }

        return new BackendTreeNode(key, backend, node.Left, node.Right);
    }

    /// <summary>The tree without the entry at <paramref name="key"/>; the same tree when there is none.</summary>
    public static BackendTreeNode? Remove(BackendTreeNode? node, long key)
    {
        if (node is null)
        {
            return null;
        }

        if (key < node.Key)
        {
            BackendTreeNode? left = Remove(node.Left, key);
            return ReferenceEquals(left, node.Left) ? node : Balance(node.Key, node.Backend, left, node.Right);
        }

        if (key > node.Key)
        {
            BackendTreeNode? right = Remove(node.Right, key);
            return ReferenceEquals(right, node.Right) ? node : Balance(node.Key, node.Backend, node.Left, right);
        }

        if (node.Left is null)
        {
            return node.Right;
        }

        if (node.Right is null)
        {
            return node.Left;
        }

        BackendTreeNode successor = node.Right;
        while (successor.Left is not null)
        {
            successor = successor.Left;
        }

        return Balance(successor.Key, successor.Backend, node.Left, Remove(node.Right, successor.Key));
    }

    /// <summary>The backend at <paramref name="key"/>, or null.</summary>
    public static Backend? Get(BackendTreeNode? node, long key)
    {
        while (node is not null)
        {
            if (key == node.Key)
            {
                return node.Backend;
            }

            node = key < node.Key ? node.Left : node.Right;
        }

        return null;
    }

    /// <summary>The backend at an in-order position in [0, Count).</summary>
    public static Backend At(BackendTreeNode root, int index)
    {
        BackendTreeNode node = root;
        while (true)
        {
            int leftCount = CountOf(node.Left);
            if (index < leftCount)
            {
                node = node.Left!;
            }
            else if (index == leftCount)
            {
                return node.Backend;
            }
            else
            {
                index -= leftCount + 1;
                node = node.Right!;
            }
        }
    }

    /// <summary>The in-order position of the backend whose cumulative weight range holds <paramref name="weight"/> (in [0, WeightSum)).</summary>
    public static int IndexOfWeight(BackendTreeNode root, long weight)
    {
        BackendTreeNode node = root;
        int index = 0;
        while (true)
        {
            long leftWeight = WeightOf(node.Left);
            if (weight < leftWeight)
            {
                node = node.Left!;
                continue;
            }

            weight -= leftWeight;
            if (weight < node.Backend.Weight || node.Right is null)
            {
                return index + CountOf(node.Left);
            }

            weight -= node.Backend.Weight;
            index += CountOf(node.Left) + 1;
            node = node.Right;
        }
    }

    /// <summary>Copies the backends in order into <paramref name="destination"/>; returns the next free position.</summary>
    public static int CopyTo(BackendTreeNode? node, Backend[] destination, int position)
    {
        while (node is not null)
        {
            position = CopyTo(node.Left, destination, position);
            destination[position++] = node.Backend;
            node = node.Right;
        }

        return position;
    }

    private static BackendTreeNode Balance(long key, Backend backend, BackendTreeNode? left, BackendTreeNode? right)
    {
        int difference = HeightOf(left) - HeightOf(right);
        if (difference > 1)
        {
            BackendTreeNode l = left!;
            if (HeightOf(l.Left) >= HeightOf(l.Right))
            {
                return new BackendTreeNode(l.Key, l.Backend, l.Left, new BackendTreeNode(key, backend, l.Right, right));
            }

            BackendTreeNode lr = l.Right!;
            return new BackendTreeNode(
                lr.Key,
                lr.Backend,
                new BackendTreeNode(l.Key, l.Backend, l.Left, lr.Left),
                new BackendTreeNode(key, backend, lr.Right, right));
        }

        if (difference < -1)
        {
            BackendTreeNode r = right!;
            if (HeightOf(r.Right) >= HeightOf(r.Left))
            {
                return new BackendTreeNode(r.Key, r.Backend, new BackendTreeNode(key, backend, left, r.Left), r.Right);
            }

            BackendTreeNode rl = r.Left!;
            return new BackendTreeNode(
                rl.Key,
                rl.Backend,
                new BackendTreeNode(key, backend, left, rl.Left),
                new BackendTreeNode(r.Key, r.Backend, rl.Right, r.Right));
        }

        return new BackendTreeNode(key, backend, left, right);
    }

    private static int HeightOf(BackendTreeNode? node) => node?.Height ?? 0;

    private static long WeightOf(BackendTreeNode? node) => node?.WeightSum ?? 0;

    private static int GcdOf(BackendTreeNode? node) => node?.Gcd ?? 0;

    private static int MinOf(BackendTreeNode? node) => node?.MinWeight ?? int.MaxValue;

    private static int MaxOf(BackendTreeNode? node) => node?.MaxWeight ?? int.MinValue;

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
