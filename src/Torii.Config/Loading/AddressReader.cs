using System.Net;

namespace Torii.Config.Loading;

/// <summary>Reads "IP:PORT" values, reporting bad ones at the value's position.</summary>
internal static class AddressReader
{
    public static IPEndPoint Required(ConfigSection section, string key) =>
        Optional(section, key)
        ?? throw new ConfigException(section.Position, $"{section.Description} is missing the required key '{key}'");

    public static IPEndPoint? Optional(ConfigSection section, string key)
    {
        if (section.NonEmptyString(key) is not { } text)
        {
            return null;
        }

        IPEndPoint address;
        try
        {
            address = SocketAddressText.Parse(text);
        }
        catch (FormatException error)
        {
            throw section.ErrorAt(key, $"{error.Message} for '{key}'", error);
        }

        return address.Port == 0
            ? throw section.ErrorAt(key, $"invalid address '{text}' for '{key}': the port must be between 1 and 65535")
            : address;
    }
}
