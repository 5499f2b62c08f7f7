using System.Net;
using Torii.Proxy.Listeners;

namespace Torii.Proxy.State;

/// <summary>Opens no socket: used to check a configuration without running it.</summary>
public sealed class DetachedListenerHost : IListenerHost
{
    public static readonly DetachedListenerHost Instance = new();

    public void EnsureAvailable(IPEndPoint address)
    {
    }

    public void Activate(ListenerSettings settings)
    {
    }

    public void Deactivate(IPEndPoint address)
    {
    }

    public void Update(ListenerSettings settings)
    {
    }
}
