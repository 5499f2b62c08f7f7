namespace Torii.Protocol;

/// <summary>
/// The requests that turn a running state into what a new config says: items the new config adds
/// or changes, then the removal of items the previous config had and the new one drops. Items added
/// at runtime (in neither config) are left alone unless pruning. Adds come before the removals they
/// replace, so a change never opens a gap; a frontend that moves to another cluster is the one
/// exception, removed and re-added back to back, since two frontends cannot match the same requests.
/// </summary>
public sealed record ReloadPlan(IReadOnlyList<Request> Requests, IReadOnlyList<string> Changes)
{
    public bool IsEmpty => Requests.Count == 0;

    /// <param name="previousConfig">The requests of the config last applied (at start or by the last reload).</param>
    /// <param name="current">The running state, as the requests that rebuild it.</param>
    /// <param name="nextConfig">The requests of the config to apply.</param>
    /// <param name="prune">Also remove what the running state has and the new config does not, runtime additions included.</param>
    /// <exception cref="ReloadException">The new config changes something that cannot change in place.</exception>
    public static ReloadPlan Create(IEnumerable<Request> previousConfig, IEnumerable<Request> current, IEnumerable<Request> nextConfig, bool prune = false)
    {
        var previous = Index(previousConfig);
        var running = Index(current);
        var next = Index(nextConfig);
        var adds = new List<Request>();
        var removals = new List<Request>();
        var changes = new List<string>();

        foreach (var item in next.Values.OrderBy(item => item.Kind))
        {
            if (!running.TryGetValue(item.Key, out var existing))
            {
                adds.Add(item.Add);
                changes.Add($"added {item.Key}");
            }
            else if (!existing.Add.Equals(item.Add))
            {
                adds.AddRange(Change(existing, item));
                changes.Add($"changed {item.Key}");
            }
        }

        var dropped = running.Values.Where(item => !next.ContainsKey(item.Key) && (prune || previous.ContainsKey(item.Key)));
        foreach (var item in dropped.OrderByDescending(item => item.Kind))
        {
            // Removing a cluster or a listener takes what hangs on it along: asking for those again would fail.
            if (!IsRemovedWithItsParent(item, next, running, prune, previous))
            {
                removals.Add(item.Removal());
            }

            changes.Add($"removed {item.Key}");
        }

        return new ReloadPlan([.. adds, .. removals], changes);
    }

    private static IEnumerable<Request> Change(StateItem existing, StateItem changed) => changed.Kind switch
    {
        // Adding a cluster that exists updates its settings in place, keeping its backends and frontends.
        StateItemKind.Cluster => [changed.Add],
        // set_health_check replaces the check in place: the backends keep their health state.
        StateItemKind.HealthCheck => [changed.Add],
        StateItemKind.PerIpLimit => [changed.Add],
        StateItemKind.Backend or StateItemKind.Frontend => [existing.Removal(), changed.Add],
        // Open connections keep the settings they started with; new ones get the new ones.
        StateItemKind.Listener when ListenerUpdates.Between(existing.Add, changed.Add) is { } update => [update],
        _ => throw new ReloadException($"{changed.Key} changed in a way an update cannot make (a setting removed, or another protocol): remove it from the config, reload, then add it back"),
    };

    private static bool IsRemovedWithItsParent(StateItem item, Dictionary<string, StateItem> next, Dictionary<string, StateItem> running, bool prune, Dictionary<string, StateItem> previous)
    {
        var parent = item.Add.RequestTypeCase switch
        {
            Request.RequestTypeOneofCase.AddBackend => $"cluster {item.Add.AddBackend.ClusterId}",
            Request.RequestTypeOneofCase.SetHealthCheck => $"cluster {item.Add.SetHealthCheck.ClusterId}",
            Request.RequestTypeOneofCase.AddHttpFrontend when item.Add.AddHttpFrontend.HasClusterId => $"cluster {item.Add.AddHttpFrontend.ClusterId}",
            Request.RequestTypeOneofCase.AddHttpsFrontend when item.Add.AddHttpsFrontend.HasClusterId => $"cluster {item.Add.AddHttpsFrontend.ClusterId}",
            Request.RequestTypeOneofCase.AddTcpFrontend => $"cluster {item.Add.AddTcpFrontend.ClusterId}",
            _ => null,
        };
        return parent is not null && running.ContainsKey(parent) && !next.ContainsKey(parent) && (prune || previous.ContainsKey(parent));
    }

    private static Dictionary<string, StateItem> Index(IEnumerable<Request> requests)
    {
        var items = new Dictionary<string, StateItem>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            foreach (var item in StateItem.AllOf(request))
            {
                items[item.Key] = item;
            }
        }

        return items;
    }
}
