namespace Torii.Protocol;

/// <summary>max_connections_per_ip (global and per cluster) and retry_after.</summary>
internal static class PerIpLimitRules
{
    /// <summary>No client holds a million connections to one cluster; a larger value is a typo, not a limit.</summary>
    public const ulong MaxConnectionsPerIp = 1_000_000;

    public static string? Limit(FieldPath field, bool present, ulong connections) =>
        !present || connections <= MaxConnectionsPerIp
            ? null
            : $"{field} {connections} is outside 0..{MaxConnectionsPerIp} (0: unlimited)";

    /// <summary>0 is allowed: the 429 then carries no Retry-After.</summary>
    public static string? RetryAfter(FieldPath field, bool present, uint seconds) =>
        !present || seconds <= NumberRules.MaxTimeoutSeconds
            ? null
            : $"{field} {seconds} is outside 0..{NumberRules.MaxTimeoutSeconds} seconds (0: no Retry-After)";
}
