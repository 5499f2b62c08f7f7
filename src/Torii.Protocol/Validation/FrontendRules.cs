namespace Torii.Protocol;

internal static class FrontendRules
{
    /// <summary>An absent cluster id is allowed: such a frontend denies what it matches.</summary>
    public static string? CheckHttp(FieldPath field, RequestHttpFrontend frontend) =>
        IdentifierRule.Optional($"{field}.cluster_id", frontend.HasClusterId, frontend.ClusterId)
        ?? AddressRule.Required($"{field}.address", frontend.Address)
        ?? HostnameRule.Required($"{field}.hostname", frontend.HasHostname, frontend.Hostname)
        ?? PathMatchRule.Optional($"{field}.path", frontend.Path)
        ?? HttpTokenRule.Optional($"{field}.method", frontend.HasMethod, frontend.Method)
        ?? NumberRules.DefinedEnum($"{field}.position", frontend.HasPosition, frontend.Position)
        ?? NumberRules.DefinedEnum($"{field}.redirect", frontend.HasRedirect, frontend.Redirect)
        ?? NumberRules.DefinedEnum($"{field}.redirect_scheme", frontend.HasRedirectScheme, frontend.RedirectScheme)
        ?? (frontend.HasRewritePort ? PortRule.Check($"{field}.rewrite_port", frontend.RewritePort) : null)
        ?? CheckHeaders($"{field}.headers", frontend)
        ?? HstsRule.Optional($"{field}.hsts", frontend.Hsts)
        ?? TextRules.Tags($"{field}.tags", frontend.Tags);

    /// <summary>The checks of an HTTP (not HTTPS) frontend on top of <see cref="CheckHttp"/>.</summary>
    public static string? CheckPlainHttp(FieldPath field, RequestHttpFrontend frontend) =>
        CheckHttp(field, frontend) ?? HstsRule.NotOnPlainHttp($"{field}.hsts", frontend.Hsts);

    private static string? CheckHeaders(FieldPath field, RequestHttpFrontend frontend)
    {
        for (var index = 0; index < frontend.Headers.Count; index++)
        {
            var header = frontend.Headers[index];
            var error = (header.Position is HeaderPosition.Request or HeaderPosition.Response or HeaderPosition.Both
                    ? null
                    : $"{field}[{index}].position must be REQUEST, RESPONSE or BOTH")
                ?? HttpTokenRule.Optional($"{field}[{index}].key", present: true, header.Key)
                ?? (ValidationText.HasControlCharacter(header.Val) ? $"{field}[{index}].val contains a control character" : null);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    public static string? CheckTcp(FieldPath field, RequestTcpFrontend frontend) =>
        IdentifierRule.Required($"{field}.cluster_id", frontend.HasClusterId, frontend.ClusterId)
        ?? AddressRule.Required($"{field}.address", frontend.Address)
        ?? TextRules.Tags($"{field}.tags", frontend.Tags);
}
