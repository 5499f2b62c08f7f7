using System.Buffers;
using System.Text;
using Torii.Proxy.LoadBalancing;

namespace Torii.Proxy.Backends;

/// <summary>
/// The backends of one cluster in one routing snapshot. Immutable: changes return a
/// new set that shares the <see cref="Backend"/> objects, so counters carry over.
/// </summary>
public sealed class BackendSet
{
    private const int StickyStackBufferChars = 256;

    /// <summary>
    /// Up to this many backends, lookups scan the array: the two dictionaries would cost more memory
    /// than they save time, and most clusters have a handful of backends (100,000 of them in scenario s).
    /// </summary>
    private const int MaxScannedBackends = 8;

    private readonly Backend[] _all;
    private readonly Dictionary<string, Backend>? _byId;
    private readonly Dictionary<string, Backend>.AlternateLookup<ReadOnlySpan<char>> _byStickyId;

    private BackendSet(Backend[] all)
    {
        _all = all;
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
        Primary = hasBackup ? new BackendTier(Array.FindAll(all, static backend => !backend.IsBackup)) : new BackendTier(all);
        Backup = hasBackup ? new BackendTier(Array.FindAll(all, static backend => backend.IsBackup)) : BackendTier.Empty;
        HasLimits = Array.Exists(all, static backend => backend.MaxConnections > 0);
    }

    public static BackendSet Empty { get; } = new([]);

    /// <summary>All backends in insertion order.</summary>
    public ReadOnlySpan<Backend> All => _all;

    public int Count => _all.Length;

    public BackendTier Primary { get; }

    /// <summary>
    /// Whether some backend has a max_connections. Only then are slots counted and the cluster's
    /// queue used, so a cluster without limits pays nothing for them.
    /// </summary>
    public bool HasLimits { get; }

    public BackendTier Backup { get; }

    public static BackendSet Create(IEnumerable<Backend> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        Backend[] all = [.. backends];
        return all.Length == 0 ? Empty : new BackendSet(all);
    }

    /// <summary>Adds <paramref name="backend"/>, or replaces the backend with the same id in place.</summary>
    public BackendSet With(Backend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (_all.Length > 0 && backend.ClusterId != _all[0].ClusterId)
        {
            throw new ArgumentException(
                $"backend '{backend.Id}' belongs to cluster '{backend.ClusterId}', not '{_all[0].ClusterId}'",
                nameof(backend));
        }

        int index = IndexOf(_all, backend.Id);
        Backend[] next;
        if (index < 0)
        {
            next = new Backend[_all.Length + 1];
            _all.CopyTo(next, 0);
            next[^1] = backend;
        }
        else
        {
            next = (Backend[])_all.Clone();
            next[index] = backend;
        }

        return new BackendSet(next);
    }

    /// <summary>The set without the backend of that id; the same set when there is none.</summary>
    public BackendSet Without(string backendId)
    {
        int index = IndexOf(_all, backendId);
        if (index < 0)
        {
            return this;
        }

        if (_all.Length == 1)
        {
            return Empty;
        }

        var next = new Backend[_all.Length - 1];
        Array.Copy(_all, 0, next, 0, index);
        Array.Copy(_all, index + 1, next, index, _all.Length - index - 1);
        return new BackendSet(next);
    }

    public Backend? Find(string backendId)
    {
        if (_byId is not null)
        {
            return _byId.GetValueOrDefault(backendId);
        }

        int index = IndexOf(_all, backendId);
        return index < 0 ? null : _all[index];
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
        if (_byId is not null)
        {
            _byStickyId.TryGetValue(stickyId, out backend);
        }
        else
        {
            // The first match, as the dictionary keeps the earlier of two backends sharing a sticky id.
            foreach (Backend candidate in _all)
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
        if (stickyId.IsEmpty || _all.Length == 0)
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
