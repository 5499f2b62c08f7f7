using System.Globalization;
using Microsoft.AspNetCore.Http;
using Torii.Connectors.Web.Proxy;
using Torii.Protocol;

namespace Torii.Connectors.Web.Endpoints;

internal static class FormFields
{
    /// <exception cref="FormException">The field is missing or empty.</exception>
    public static string Required(IFormCollection form, string name)
    {
        string value = form[name].ToString().Trim();
        return value.Length > 0 ? value : throw new FormException($"{name} is required");
    }

    public static string? Optional(IFormCollection form, string name) =>
        form[name].ToString().Trim() is { Length: > 0 } value ? value : null;

    /// <exception cref="FormException">Not an IP:PORT address.</exception>
    public static SocketAddress Address(IFormCollection form, string name)
    {
        string text = Required(form, name);
        return SocketAddressText.TryParse(text, out SocketAddress address)
            ? address
            : throw new FormException($"{name} must be an IP address and a port such as 127.0.0.1:8080, not \"{text}\"");
    }

    /// <exception cref="FormException">Not an integer within the range.</exception>
    public static int Integer(IFormCollection form, string name, int min, int max, int fallback)
    {
        string? text = Optional(form, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new FormException($"{name} must be a whole number between {min} and {max}, not \"{text}\"");
    }
}
