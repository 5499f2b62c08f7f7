namespace Torii.Config.Loading;

/// <summary>Sōzu's send_x_real_ip and elide_x_real_ip keys of an HTTP or HTTPS listener (both off when absent, and then left unset).</summary>
internal static class RealIpReader
{
    public static readonly string[] Keys = ["send_x_real_ip", "elide_x_real_ip"];

    public static void Read(ConfigSection section, Action<bool> setSend, Action<bool> setElide)
    {
        if (section.Bool("send_x_real_ip") is { } send)
        {
            setSend(send);
        }

        if (section.Bool("elide_x_real_ip") is { } elide)
        {
            setElide(elide);
        }
    }
}
