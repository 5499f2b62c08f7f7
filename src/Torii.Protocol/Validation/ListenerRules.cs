namespace Torii.Protocol;

internal static class ListenerRules
{
    public static string? CheckHttp(FieldPath field, HttpListenerConfig listener) =>
        AddressRule.Required($"{field}.address", listener.Address)
        ?? AddressRule.Optional($"{field}.public_address", listener.PublicAddress)
        ?? HttpTokenRule.Optional($"{field}.sticky_name", listener.HasStickyName, listener.StickyName)
        ?? NumberRules.Timeout($"{field}.front_timeout", listener.HasFrontTimeout, listener.FrontTimeout)
        ?? NumberRules.Timeout($"{field}.back_timeout", listener.HasBackTimeout, listener.BackTimeout)
        ?? NumberRules.Timeout($"{field}.connect_timeout", listener.HasConnectTimeout, listener.ConnectTimeout)
        ?? NumberRules.Timeout($"{field}.request_timeout", listener.HasRequestTimeout, listener.RequestTimeout)
        ?? HttpTokenRule.Optional($"{field}.sozu_id_header", listener.HasSozuIdHeader, listener.SozuIdHeader)
        ?? TextRules.Answers($"{field}.answers", listener.Answers);

    public static string? CheckHttps(FieldPath field, HttpsListenerConfig listener) =>
        AddressRule.Required($"{field}.address", listener.Address)
        ?? AddressRule.Optional($"{field}.public_address", listener.PublicAddress)
        ?? HttpTokenRule.Optional($"{field}.sticky_name", listener.HasStickyName, listener.StickyName)
        ?? NumberRules.Timeout($"{field}.front_timeout", listener.HasFrontTimeout, listener.FrontTimeout)
        ?? NumberRules.Timeout($"{field}.back_timeout", listener.HasBackTimeout, listener.BackTimeout)
        ?? NumberRules.Timeout($"{field}.connect_timeout", listener.HasConnectTimeout, listener.ConnectTimeout)
        ?? NumberRules.Timeout($"{field}.request_timeout", listener.HasRequestTimeout, listener.RequestTimeout)
        ?? CheckVersions($"{field}.versions", listener.Versions)
        ?? CipherSuiteNames.Check($"{field}.cipher_list", listener.CipherList)
        ?? CipherSuiteNames.Check($"{field}.cipher_suites", listener.CipherSuites)
        ?? CheckDefaultCertificate(field, listener)
        ?? HttpTokenRule.Optional($"{field}.sozu_id_header", listener.HasSozuIdHeader, listener.SozuIdHeader)
        ?? TextRules.Answers($"{field}.answers", listener.Answers)
        ?? HstsRule.Optional($"{field}.hsts", listener.Hsts);

    public static string? CheckTcp(FieldPath field, TcpListenerConfig listener) =>
        AddressRule.Required($"{field}.address", listener.Address)
        ?? AddressRule.Optional($"{field}.public_address", listener.PublicAddress)
        ?? NumberRules.Timeout($"{field}.front_timeout", listener.HasFrontTimeout, listener.FrontTimeout)
        ?? NumberRules.Timeout($"{field}.back_timeout", listener.HasBackTimeout, listener.BackTimeout)
        ?? NumberRules.Timeout($"{field}.connect_timeout", listener.HasConnectTimeout, listener.ConnectTimeout);

    public static string? CheckRemove(FieldPath field, RemoveListener request) =>
        AddressRule.Required($"{field}.address", request.Address)
        ?? CheckProxy($"{field}.proxy", request.HasProxy, request.Proxy);

    public static string? CheckActivate(FieldPath field, ActivateListener request) =>
        AddressRule.Required($"{field}.address", request.Address)
        ?? CheckProxy($"{field}.proxy", request.HasProxy, request.Proxy);

    public static string? CheckDeactivate(FieldPath field, DeactivateListener request) =>
        AddressRule.Required($"{field}.address", request.Address)
        ?? CheckProxy($"{field}.proxy", request.HasProxy, request.Proxy);

    public static string? CheckVersions(FieldPath field, IEnumerable<TlsVersion> versions)
    {
        foreach (TlsVersion version in versions)
        {
            string? problem = NumberRules.DefinedEnum(field, true, version);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    // The listener type picks which table the address is looked up in, so it cannot be defaulted.
    private static string? CheckProxy(FieldPath field, bool present, ListenerType proxy)
    {
        if (!present)
        {
            return $"{field} is required (HTTP, HTTPS or TCP)";
        }

        return proxy switch
        {
            ListenerType.Http or ListenerType.Https or ListenerType.Tcp => null,
            ListenerType.Udp => $"{field} UDP listeners are not supported",
            _ => $"{field} {(int)proxy} is not a known ListenerType value",
        };
    }

    private static string? CheckDefaultCertificate(FieldPath field, HttpsListenerConfig listener) =>
        listener.HasCertificate == listener.HasKey
            ? null
            : $"{field} needs both certificate and key, or neither";
}
