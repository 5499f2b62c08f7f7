namespace Torii.Protocol;

/// <summary>What makes a health check configuration usable, whichever request carries it.</summary>
internal static class HealthCheckRules
{
    public const uint MaxIntervalSeconds = 86_400;
    public const uint MaxThreshold = 1_000;
    public const int MaxUriLength = 2048;

    public static string? CheckSet(FieldPath field, SetHealthCheck request) =>
        IdentifierRule.Required($"{field}.cluster_id", request.HasClusterId, request.ClusterId)
        ?? (request.Config is null ? $"{field}.config is required" : Check($"{field}.config", request.Config));

    public static string? CheckQuery(FieldPath field, QueryHealthChecks query) =>
        IdentifierRule.Optional($"{field}.cluster_id", query.HasClusterId, query.ClusterId);

    public static string? Check(FieldPath field, HealthCheckConfig config) =>
        Timing(field, config)
        ?? Threshold($"{field}.healthy_threshold", config.HealthyThreshold)
        ?? Threshold($"{field}.unhealthy_threshold", config.UnhealthyThreshold)
        ?? NumberRules.DefinedEnum($"{field}.kind", config.HasKind, config.Kind)
        ?? config.Kind switch
        {
            HealthCheckKind.HealthCheckHttp => Http(field, config),
            HealthCheckKind.HealthCheckPostgresql => Postgres(field, config),
            _ => null,
        };

    private static string? Timing(FieldPath field, HealthCheckConfig config)
    {
        if (config.Interval is < 1 or > MaxIntervalSeconds)
        {
            return $"{field}.interval {config.Interval} is outside 1..{MaxIntervalSeconds} seconds";
        }

        if (config.Timeout < 1)
        {
            return $"{field}.timeout must be at least 1 second";
        }

        // A check still running when the next one is due would pile checks up on a slow backend.
        return config.Timeout > config.Interval
            ? $"{field}.timeout {config.Timeout} is longer than {field}.interval {config.Interval}: a check must end before the next one starts"
            : null;
    }

    private static string? Threshold(FieldPath field, uint value) =>
        value is >= 1 and <= MaxThreshold ? null : $"{field} {value} is outside 1..{MaxThreshold}";

    private static string? Http(FieldPath field, HealthCheckConfig config)
    {
        if (!config.HasUri || config.Uri.Length == 0)
        {
            return $"{field}.uri is required for an http health check (the path to request, e.g. /health)";
        }

        if (config.Uri[0] != '/' || config.Uri.Length > MaxUriLength || config.Uri.Any(c => c <= ' ' || c >= '\u007f'))
        {
            return $"{field}.uri {ValidationText.Quote(config.Uri)} must be an origin-form path: starting with '/', visible ASCII, at most {MaxUriLength} characters";
        }

        if (config.ExpectedStatus != 0 && config.ExpectedStatus is < 100 or > 599)
        {
            return $"{field}.expected_status {config.ExpectedStatus} is neither 0 (any 2xx) nor an HTTP status 100..599";
        }

        return HttpTokenRule.Optional($"{field}.method", config.HasMethod, config.Method)
            ?? (config.HasHost ? HostHeader($"{field}.host", config.Host) : null);
    }

    private static string? HostHeader(FieldPath field, string host) =>
        host.Length == 0 || host.Length > 255 || host.Any(c => c <= ' ' || c >= '\u007f')
            ? $"{field} {ValidationText.Quote(host)} is not a Host header value (1..255 visible ASCII characters)"
            : null;

    private static string? Postgres(FieldPath field, HealthCheckConfig config)
    {
        if (!config.HasUser || config.User.Length == 0)
        {
            return $"{field}.user is required for a postgresql health check";
        }

        if (config.HasPassword && config.HasPasswordFile)
        {
            return $"{field}: give password or password_file, not both";
        }

        return NumberRules.DefinedEnum($"{field}.role", config.HasRole, config.Role)
            ?? (config.HasPasswordFile ? TextRules.FilePath($"{field}.password_file", present: true, config.PasswordFile) : null);
    }
}
