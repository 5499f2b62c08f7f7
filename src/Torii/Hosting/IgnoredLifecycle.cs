using Torii.Protocol;
using Torii.Proxy.Command;
using Torii.Proxy.State;

namespace Torii.Hosting;

/// <summary>A config check stops and upgrades nothing: such requests in a config are only validated.</summary>
public sealed class IgnoredLifecycle : IProxyLifecycle
{
    public static readonly IgnoredLifecycle Instance = new();

    public void StopSoftly()
    {
    }

    public void StopNow()
    {
    }

    public Task<string> UpgradeAsync(string? executable, IReadOnlyList<Request> state, CancellationToken cancellationToken) =>
        throw new CommandException("a config check runs no proxy: there is nothing to upgrade");

    public void FinishUpgrade()
    {
    }
}
