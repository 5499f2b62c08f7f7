using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>Sōzu's send_x_real_ip and elide_x_real_ip keys of an HTTP or HTTPS listener (both off when absent).</summary>
internal static class RealIpReader
{
    public static readonly string[] Keys = ["send_x_real_ip", "elide_x_real_ip"];

    public static void Read(ConfigSection section, HttpListenerConfig config)
    {
        if (section.Bool("send_x_real_ip") is { } send)
        {
            config.SendXRealIp = send;
        }

        if (section.Bool("elide_x_real_ip") is { } elide)
        {
            config.ElideXRealIp = elide;
        }
    }

    public static void Read(ConfigSection section, HttpsListenerConfig config)
    {
        if (section.Bool("send_x_real_ip") is { } send)
        {
            config.SendXRealIp = send;
        }

        if (section.Bool("elide_x_real_ip") is { } elide)
        {
            config.ElideXRealIp = elide;
        }
    }
}
