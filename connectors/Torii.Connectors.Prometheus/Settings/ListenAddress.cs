using System.Net;

namespace Torii.Connectors.Prometheus.Settings;

internal static class ListenAddress
{
    /// <summary>"IP:PORT" or "[IPv6]:PORT"; a host name is refused, so the connector never listens wider than asked.</summary>
    /// <exception cref="SettingsException">The text is not such an address.</exception>
    public static IPEndPoint Parse(string text, string where)
    {
        int colon = text.LastIndexOf(':');
        bool hasPort = colon > 0
            && colon < text.Length - 1
            && !text.AsSpan(colon + 1).ContainsAnyExceptInRange('0', '9')
            && (text.IndexOf(':', StringComparison.Ordinal) == colon || (text[0] == '[' && text[colon - 1] == ']'));

        // IPEndPoint.TryParse would take a bare address as port 0; a port must be written.
        if (hasPort && IPEndPoint.TryParse(text, out IPEndPoint? address))
        {
            return address;
        }

        throw new SettingsException($"{where}: listen_address must be an IP address and a port such as 127.0.0.1:9300, not \"{text}\"");
    }
}
