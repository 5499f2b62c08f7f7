namespace Torii.Protocol;

/// <summary>A listener update: the address names the listener; each other field, when present, must be valid on its own.</summary>
internal static class ListenerUpdateRules
{
    public static string? CheckHttp(FieldPath field, UpdateHttpListenerConfig update) =>
        AddressRule.Required($"{field}.address", update.Address)
        ?? AddressRule.Optional($"{field}.public_address", update.PublicAddress)
        ?? HttpTokenRule.Optional($"{field}.sticky_name", update.HasStickyName, update.StickyName)
        ?? NumberRules.Timeout($"{field}.front_timeout", update.HasFrontTimeout, update.FrontTimeout)
        ?? NumberRules.Timeout($"{field}.back_timeout", update.HasBackTimeout, update.BackTimeout)
        ?? NumberRules.Timeout($"{field}.connect_timeout", update.HasConnectTimeout, update.ConnectTimeout)
        ?? NumberRules.Timeout($"{field}.request_timeout", update.HasRequestTimeout, update.RequestTimeout)
        ?? HttpTokenRule.Optional($"{field}.sozu_id_header", update.HasSozuIdHeader, update.SozuIdHeader)
        ?? TextRules.Answers($"{field}.answers", update.Answers);

    public static string? CheckHttps(FieldPath field, UpdateHttpsListenerConfig update) =>
        AddressRule.Required($"{field}.address", update.Address)
        ?? AddressRule.Optional($"{field}.public_address", update.PublicAddress)
        ?? HttpTokenRule.Optional($"{field}.sticky_name", update.HasStickyName, update.StickyName)
        ?? NumberRules.Timeout($"{field}.front_timeout", update.HasFrontTimeout, update.FrontTimeout)
        ?? NumberRules.Timeout($"{field}.back_timeout", update.HasBackTimeout, update.BackTimeout)
        ?? NumberRules.Timeout($"{field}.connect_timeout", update.HasConnectTimeout, update.ConnectTimeout)
        ?? NumberRules.Timeout($"{field}.request_timeout", update.HasRequestTimeout, update.RequestTimeout)
        ?? HttpTokenRule.Optional($"{field}.sozu_id_header", update.HasSozuIdHeader, update.SozuIdHeader)
        ?? TextRules.Answers($"{field}.answers", update.Answers)
        ?? HstsRule.Optional($"{field}.hsts", update.Hsts);

    public static string? CheckTcp(FieldPath field, UpdateTcpListenerConfig update) =>
        AddressRule.Required($"{field}.address", update.Address)
        ?? AddressRule.Optional($"{field}.public_address", update.PublicAddress)
        ?? NumberRules.Timeout($"{field}.front_timeout", update.HasFrontTimeout, update.FrontTimeout)
        ?? NumberRules.Timeout($"{field}.back_timeout", update.HasBackTimeout, update.BackTimeout)
        ?? NumberRules.Timeout($"{field}.connect_timeout", update.HasConnectTimeout, update.ConnectTimeout);
}
