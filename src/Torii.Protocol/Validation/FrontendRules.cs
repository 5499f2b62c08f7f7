namespace Torii.Protocol;

internal static class FrontendRules
{
    /// <summary>An absent cluster id is allowed: such a frontend denies what it matches.</summary>
    public static string? CheckHttp(string field, RequestHttpFrontend frontend) =>
        IdentifierRule.Optional($"{field}.cluster_id", frontend.HasClusterId, frontend.ClusterId)
        ?? AddressRule.Required($"{field}.address", frontend.Address)
        ?? HostnameRule.Required($"{field}.hostname", frontend.HasHostname, frontend.Hostname)
        ?? PathMatchRule.Optional($"{field}.path", frontend.Path)
        ?? HttpTokenRule.Optional($"{field}.method", frontend.HasMethod, frontend.Method)
        ?? NumberRules.DefinedEnum($"{field}.position", frontend.HasPosition, frontend.Position)
        ?? NumberRules.DefinedEnum($"{field}.redirect", frontend.HasRedirect, frontend.Redirect)
        ?? TextRules.Tags($"{field}.tags", frontend.Tags);

    public static string? CheckTcp(string field, RequestTcpFrontend frontend) =>
        IdentifierRule.Required($"{field}.cluster_id", frontend.HasClusterId, frontend.ClusterId)
        ?? AddressRule.Required($"{field}.address", frontend.Address)
        ?? TextRules.Tags($"{field}.tags", frontend.Tags);
}
