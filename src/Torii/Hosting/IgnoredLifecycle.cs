using Torii.Proxy.Command;

namespace Torii.Hosting;

/// <summary>A config check stops nothing: stop requests in a config are only validated.</summary>
public sealed class IgnoredLifecycle : IProxyLifecycle
{
    public static readonly IgnoredLifecycle Instance = new();

    public void StopSoftly()
    {
    }

    public void StopNow()
    {
    }
}
