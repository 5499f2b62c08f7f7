using Torii.Protocol;

namespace Torii.Connectors.Web.Proxy;

/// <summary>The protocol's SocketAddress as "IP:PORT" text and back, for pages and forms; an absent address is blank.</summary>
internal static class SocketAddressText
{
    public static string Format(SocketAddress? address) => address?.Ip is null ? "" : SocketAddresses.Format(address);

    public static bool TryParse(string? text, out SocketAddress address)
    {
        bool parsed = SocketAddresses.TryParse(text?.Trim(), out SocketAddress? found);
        address = found ?? new SocketAddress();
        return parsed;
    }
}
