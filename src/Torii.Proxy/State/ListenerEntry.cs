using Google.Protobuf;
using Torii.Protocol;
using Torii.Proxy.Listeners;

namespace Torii.Proxy.State;

/// <summary>A listener in the state: the request that added it, its settings, whether it accepts.</summary>
public sealed record ListenerEntry(IMessage Config, ListenerSettings Settings, bool Active)
{
    public ListenerProtocol Protocol => Settings.Protocol;

    /// <summary>The address as the request that added the listener gave it.</summary>
    public SocketAddress Address => Config switch
    {
        HttpListenerConfig http => http.Address,
        HttpsListenerConfig https => https.Address,
        TcpListenerConfig tcp => tcp.Address,
        _ => throw new InvalidOperationException($"unknown listener configuration {Config.Descriptor.Name}"),
    };
}
