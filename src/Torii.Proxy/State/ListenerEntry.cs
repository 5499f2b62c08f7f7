using Google.Protobuf;
using Torii.Proxy.Listeners;

namespace Torii.Proxy.State;

/// <summary>A listener in the state: the request that added it, its settings, whether it accepts.</summary>
public sealed record ListenerEntry(IMessage Config, ListenerSettings Settings, bool Active)
{
    public ListenerProtocol Protocol => Settings.Protocol;
}
