namespace Torii.Protocol;

/// <summary>A socket address needs an IP (v4 or v6) and a port 1..65535.</summary>
internal static class AddressRule
{
    public static string? Required(FieldPath field, SocketAddress? address) =>
        address is null ? $"{field} is required" : Check(field, address);

    public static string? Optional(FieldPath field, SocketAddress? address) =>
        address is null ? null : Check(field, address);

    private static string? Check(FieldPath field, SocketAddress address)
    {
        if (address.Ip is null || address.Ip.InnerCase == IpAddress.InnerOneofCase.None)
        {
            return $"{field} has no IP address";
        }

        if (address.Ip.InnerCase == IpAddress.InnerOneofCase.V6 && address.Ip.V6 is null)
        {
            return $"{field} has an empty IPv6 address";
        }

        if (!address.HasPort)
        {
            return $"{field} has no port";
        }

        return PortRule.Check($"{field}.port", address.Port);
    }
}
