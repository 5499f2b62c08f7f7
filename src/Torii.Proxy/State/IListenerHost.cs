using System.Net;
using Torii.Proxy.Listeners;

namespace Torii.Proxy.State;

/// <summary>The sockets behind the listeners of the state. Each call either succeeds or throws <see cref="CommandException"/>.</summary>
public interface IListenerHost
{
    void EnsureAvailable(IPEndPoint address);

    void Activate(ListenerSettings settings);

    void Deactivate(IPEndPoint address);

    /// <summary>New connections to the active listener at the settings' address get these settings; open ones keep theirs.</summary>
    void Update(ListenerSettings settings);
}
