using Torii.Protocol;
using Torii.Proxy.Runtime;
using Torii.Proxy.State;

namespace Torii.Proxy.Command;

public sealed partial class CommandDispatcher
{
    private IConfigurationSource? _configuration;
    private IReadOnlyList<Request> _configRequests = [];

    /// <summary>Enables `reload_configuration`: <paramref name="applied"/> are the requests of the config the proxy started with.</summary>
    public void UseConfiguration(IConfigurationSource source, IReadOnlyList<Request> applied)
    {
        _configuration = source;
        _configRequests = applied;
    }

    /// <summary>
    /// Applies the difference between the running state and a config file, all or nothing: the plan
    /// is first played on a detached copy of the state, so a config the state would refuse changes nothing.
    /// </summary>
    private async Task<string> ReloadAsync(string requestedPath, CancellationToken cancellationToken)
    {
        var source = _configuration ?? throw new CommandException("this proxy was not started from a config file: there is nothing to reload");
        var path = string.IsNullOrEmpty(requestedPath) ? source.DefaultPath : requestedPath;
        var next = source.Load(path);
        ReloadPlan plan;
        try
        {
            plan = ReloadPlan.Create(_configRequests, state.GenerateRequests(), next);
        }
        catch (ReloadException e)
        {
            throw new CommandException($"{path}: {e.Message}; nothing was changed");
        }

        if (plan.IsEmpty)
        {
            _configRequests = next;
            return $"reloaded {path}: no change";
        }

        await RehearseAsync(plan, path, cancellationToken).ConfigureAwait(false);
        foreach (var request in plan.Requests)
        {
            var response = await ExecuteLockedAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Status != ResponseStatus.Ok)
            {
                throw new CommandException($"{path}: {RequestNames.Of(request)} failed: {response.Message}; the changes before it were applied");
            }
        }

        _configRequests = next;
        return $"reloaded {path}: {string.Join("; ", plan.Changes)}";
    }

    private async Task RehearseAsync(ReloadPlan plan, string path, CancellationToken cancellationToken)
    {
        var copy = new CommandDispatcher(new ConfigState(new SnapshotHolder(), DetachedListenerHost.Instance, state.Defaults), lifecycle);
        foreach (var request in state.GenerateRequests())
        {
            await copy.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        }

        foreach (var request in plan.Requests)
        {
            var response = await copy.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Status != ResponseStatus.Ok)
            {
                throw new CommandException($"{path}: {RequestNames.Of(request)} would fail: {response.Message}; nothing was changed");
            }
        }
    }
}
