using System.Buffers;
using System.Text;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Backends;

/// <summary>
/// The backends of one cluster in one routing snapshot. Immutable: changes return a
/// new set that shares the <see cref="Backend"/> objects, so counters carry over.
/// Up to <see cref="MaxArrayBackends"/> backends it keeps flat arrays, rebuilt per change at a
/// bounded cost; beyond, persistent trees (BackendSet.Tree.cs), so a change costs O(log n).
/// </summary>
public sealed partial class BackendSet
{
    private const int StickyStackBufferChars = 256;

    /// <summary>
    /// Up to this many backends, lookups scan the array: the two dictionaries would cost more memory
    /// than they save time, and most clusters have a handful of backends (100,000 of them in scenario s).
    /// </summary>
    private const int MaxScannedBackends = 8;

    /// <summary>Above this many backends a set switches to trees; below <see cref="MinTreeBackends"/> back to arrays.</summary>
    internal const int MaxArrayBackends = 32;

    private const int MinTreeBackends = MaxArrayBackends / 2;

    private readonly Backend[]? _array;
    private readonly BackendSetTree? _tree;
    private readonly bool _hasLimits;
    private readonly Dictionary<string, Backend>? _byId;
    private readonly Dictionary<string, Backend>.AlternateLookup<ReadOnlySpan<char>> _byStickyId;

    private BackendSet(Backend[] all)
    {
        _array = all;
        if (all.Length > MaxScannedBackends)
        {
            _byId = new Dictionary<string, Backend>(all.Length, StringComparer.Ordinal);
            var byStickyId = new Dictionary<string, Backend>(all.Length, StringComparer.Ordinal);
            foreach (Backend backend in all)
            {
                if (!_byId.TryAdd(backend.Id, backend))
                {
                    throw new ArgumentException($"backend '{backend.Id}' appears twice", nameof(all));
                }

                // When two backends share a sticky id the earlier one keeps it.
                byStickyId.TryAdd(backend.StickyId, backend);
            }

            _byStickyId = byStickyId.GetAlternateLookup<ReadOnlySpan<char>>();
        }
        else
        {
            for (int i = 1; i < all.Length; i++)
            {
                if (IndexOf(all.AsSpan(0, i), all[i].Id) >= 0)
                {
                    throw new ArgumentException($"backend '{all[i].Id}' appears twice", nameof(all));
                }
            }
        }

        bool hasBackup = Array.Exists(all, static backend => backend.IsBackup);
        // The set's array is the primary tier's own when there is no backup: neither ever changes it.
        Primary = BackendTier.Owning(hasBackup ? Array.FindAll(all, static backend => !backend.IsBackup) : all);
        Backup = hasBackup ? BackendTier.Owning(Array.FindAll(all, static backend => backend.IsBackup)) : BackendTier.Empty;
        _hasLimits = Array.Exists(all, static backend => backend.MaxConnections > 0);
    }

    public static BackendSet Empty { get; } = new([]);

    /// <summary>All backends in insertion order.</summary>
    public ReadOnlySpan<Backend> All => _array ?? _tree!.All;

    public int Count => _array?.Length ?? _tree!.Count;

    public BackendTier Primary { get; }

    /// <summary>
    /// Whether some backend has a max_connections. Only then are slots counted and the cluster's
    /// queue used, so a cluster without limits pays nothing for them.
    /// </summary>
    public bool HasLimits => _tree?.LimitedCount > 0 || _hasLimits;

    public BackendTier Backup { get; }

    public static BackendSet Create(IEnumerable<Backend> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        Backend[] all = [.. backends];
        return all.Length switch
        {
            0 => Empty,
            > MaxArrayBackends => CreateTree(all),
            _ => new BackendSet(all),
        };
    }

    /// <summary>Adds <paramref name="backend"/>, or replaces the backend with the same id in place.</summary>
    public BackendSet With(Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (Count > 0 && backend.ClusterId != ClusterId)
        {
            throw new ArgumentException(
                $"backend '{backend.Id}' belongs to cluster '{backend.ClusterId}', not '{ClusterId}'",
                nameof(backend));
        }

        if (_array is null)
        {
            return WithInTree(backend);
        }

        Backend[] all = _array;
        int index = IndexOf(all, backend.Id);
        if (index < 0 && all.Length == MaxArrayBackends)
        {
            return CreateTree([.. all, backend]);
        }

        Backend[] next;
        if (index < 0)
        {
            next = new Backend[all.Length + 1];
            all.CopyTo(next, 0);
            next[^1] = backend;
        }
        else
        {
            next = (Backend[])all.Clone();
            next[index] = backend;
        }

        return new BackendSet(next);
    }

    /// <summary>The set without the backend of that id; the same set when there is none.</summary>
    public BackendSet Without(string backendId)
    {
        if (_array is null)
        {
            return WithoutInTree(backendId);
        }

        Backend[] all = _array;
        int index = IndexOf(all, backendId);
        if (index < 0)
        {
            return this;
        }

        if (all.Length == 1)
        {
            return Empty;
        }

        var next = new Backend[all.Length - 1];
        Array.Copy(all, 0, next, 0, index);
        Array.Copy(all, index + 1, next, index, all.Length - index - 1);
        return new BackendSet(next);
    }

    public Backend? Find(string backendId)
    {
        if (_array is null)
        {
            return FindInTree(backendId);
        }

        if (_byId is not null)
        {
            return _byId.GetValueOrDefault(backendId);
        }

        int index = IndexOf(_array, backendId);
        return index < 0 ? null : _array[index];
    }

    public bool Contains(string backendId) => Find(backendId) is not null;

    /// <summary>
    /// The backend a sticky-session cookie points to, if it can still serve. A drained
    /// backend (weight 0) keeps its existing sessions, as in HAProxy; a removed or down
    /// one does not. One at its max_connections does: the request waits for its slot.
    /// </summary>
    public Backend? FindSticky(ReadOnlySpan<char> stickyId, long nowMs)
    {
        Backend? backend = null;
        if (_array is null)
        {
            backend = FindStickyInTree(stickyId);
        }
        else if (_byId is not null)
        {
            _byStickyId.TryGetValue(stickyId, out backend);
        }
        else
        {
            // The first match, as the dictionary keeps the earlier of two backends sharing a sticky id.
            foreach (Backend candidate in _array)
            {
                if (stickyId.SequenceEqual(candidate.StickyId))
                {
                    backend = candidate;
                    break;
                }
            }
        }

        return backend is not null && backend.IsUp(nowMs) ? backend : null;
    }

    /// <summary>As <see cref="FindSticky(ReadOnlySpan{char}, long)"/>, for a raw UTF-8 cookie value.</summary>
    public Backend? FindSticky(ReadOnlySpan<byte> stickyId, long nowMs)
    {
        if (stickyId.IsEmpty || Count == 0)
        {
            return null;
        }

        char[]? rented = null;
        Span<char> buffer = stickyId.Length <= StickyStackBufferChars
            ? stackalloc char[StickyStackBufferChars]
            : (rented = ArrayPool<char>.Shared.Rent(stickyId.Length));
        try
        {
            int length = Encoding.UTF8.GetChars(stickyId, buffer);
            return FindSticky(buffer[..length], nowMs);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private string ClusterId => _array is not null ? _array[0].ClusterId : _tree!.Order!.Backend.ClusterId;

    private static int IndexOf(ReadOnlySpan<Backend> backends, string backendId)
    {
        ArgumentNullException.ThrowIfNull(backendId);
        for (int i = 0; i < backends.Length; i++)
        {
            if (backends[i].Id == backendId)
            {
                return i;
            }
        }

        return -1;
    }
}
