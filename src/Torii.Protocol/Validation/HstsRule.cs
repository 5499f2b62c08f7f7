namespace Torii.Protocol;

/// <summary>An HstsConfig, when present, must say whether it enables or disables HSTS (as Sōzu requires).</summary>
internal static class HstsRule
{
    public static string? Optional(FieldPath field, HstsConfig? hsts) =>
        hsts is not null && !hsts.HasEnabled
            ? $"{field}.enabled is required whenever {field} is given (true to enable HSTS, false to disable an inherited default)"
            : null;

    /// <summary>RFC 6797 §7.2: Strict-Transport-Security is never sent over plain HTTP.</summary>
    public static string? NotOnPlainHttp(FieldPath field, HstsConfig? hsts) =>
        hsts is { Enabled: true }
            ? $"{field} is not allowed on an HTTP frontend: RFC 6797 §7.2 forbids Strict-Transport-Security over plain HTTP; set it on the HTTPS frontend or listener"
            : null;
}
