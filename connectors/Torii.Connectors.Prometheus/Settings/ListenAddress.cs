using System.Net;
using Torii.Connectors.Settings;

namespace Torii.Connectors.Prometheus.Settings;

internal static class ListenAddress
{
    /// <summary>"IP:PORT" or "[IPv6]:PORT"; a host name is refused, so the connector never listens wider than asked.</summary>
    /// <exception cref="SettingsException">The text is not such an address.</exception>
    public static IPEndPoint Parse(string text, string where) =>
        EndPointText.TryParse(text, out IPEndPoint? address)
            ? address
            : throw new SettingsException($"{where}: listen_address must be an IP address and a port such as 127.0.0.1:9300, not \"{text}\"");
}
