namespace Torii.Protocol;

/// <summary>A listener's configuration with its activation flag set: state files and reload compare listeners without it.</summary>
public static class ListenerConfigExtensions
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
