using Torii.Protocol;

namespace Torii.Proxy.State;

internal static class ListenerConfigExtensions
{
    public static HttpListenerConfig WithActive(this HttpListenerConfig config, bool active)
    {
        config.Active = active;
        return config;
    }

    public static HttpsListenerConfig WithActive(this HttpsListenerConfig config, bool active)
    {
        config.Active = active;
        return config;
    }

    public static TcpListenerConfig WithActive(this TcpListenerConfig config, bool active)
    {
        config.Active = active;
        return config;
    }
}
