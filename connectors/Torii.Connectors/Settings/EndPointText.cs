using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Torii.Connectors.Settings;

public static class EndPointText
{
    /// <summary>"IP:PORT" or "[IPv6]:PORT"; port 0 picks a free port.</summary>
    /// <exception cref="SettingsException">The text is not such an address.</exception>
    public static IPEndPoint Parse(string text, string settingName)
    {
        if (TryParse(text, out IPEndPoint? address))
        {
            return address;
        }

        throw new SettingsException($"{settingName} must be an IP address and a port such as 127.0.0.1:9810, not \"{text}\"");
    }

    /// <summary>"IP:PORT" or "[IPv6]:PORT"; a host name, or an address without its port, is not one.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? address)
    {
        address = null;
        return HasPort(text) && IPEndPoint.TryParse(text, out address);
    }

    // IPEndPoint.TryParse takes a bare address as port 0; a port must be written.
    private static bool HasPort(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || text.AsSpan(colon + 1).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        return text.IndexOf(':', StringComparison.Ordinal) == colon || (text[0] == '[' && text[colon - 1] == ']');
    }
}
