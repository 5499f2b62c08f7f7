using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Torii.Pulsar;

/// <summary>The consumers (or producers) registered on one connection, by their id.</summary>
internal sealed class HandlerRegistry<THandler>
    where THandler : class
{
    private readonly ConcurrentDictionary<ulong, THandler> _handlers = new();

    public void Add(ulong id, THandler handler) => _handlers[id] = handler;

    /// <summary>Removes <paramref name="handler"/> only if it is still the one registered under <paramref name="id"/>.</summary>
    public bool Remove(ulong id, THandler handler) => _handlers.TryRemove(KeyValuePair.Create(id, handler));

    public bool TryGet(ulong id, [NotNullWhen(true)] out THandler? handler) => _handlers.TryGetValue(id, out handler);

    public bool TryTake(ulong id, [NotNullWhen(true)] out THandler? handler) => _handlers.TryRemove(id, out handler);

    /// <summary>Removes and returns every handler; each is returned to exactly one caller.</summary>
    public List<THandler> TakeAll()
    {
        var taken = new List<THandler>();
        foreach (ulong id in _handlers.Keys)
        {
            if (_handlers.TryRemove(id, out THandler? handler))
            {
                taken.Add(handler);
            }
        }

        return taken;
    }
}
