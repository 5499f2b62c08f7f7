using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>
/// Reads [clusters.ID.health_check] into set_health_check: Sōzu's keys, then Torii's kind, http and
/// postgresql settings. password_file is resolved against the config's folder and read only when the
/// proxy builds the check, so the password never passes through here.
/// </summary>
internal static class HealthCheckReader
{
    public const string Key = "health_check";

    private static readonly ConfigChoice<HealthCheckKind> Kinds = new(
        ("http", HealthCheckKind.HealthCheckHttp),
        ("tcp", HealthCheckKind.HealthCheckTcp),
        ("postgresql", HealthCheckKind.HealthCheckPostgresql),
        ("postgres", HealthCheckKind.HealthCheckPostgresql));

    private static readonly ConfigChoice<PostgresRole> Roles = new(
        ("any", PostgresRole.Any),
        ("primary", PostgresRole.Primary),
        ("standby", PostgresRole.Standby));

    private static readonly string[] Keys =
    [
        "kind", "uri", "host", "method", "expected_status", "interval", "timeout", "healthy_threshold", "unhealthy_threshold",
        "fail_open", "role", "user", "database", "password", "password_file",
    ];

    /// <returns>The request, or null when the cluster has no health_check table.</returns>
    public static ConfigRequest? Read(string clusterId, ConfigSection cluster, ConfigFileReader files)
    {
        if (!cluster.Has(Key))
        {
            return null;
        }

        var section = cluster.Table(Key, $"the health check of cluster '{clusterId}'");
        section.CheckKeys(Keys);
        var config = new HealthCheckConfig { Kind = Kinds.Read(section, "kind") ?? HealthCheckKind.HealthCheckHttp };
        ReadTiming(section, config);
        IfPresent(section.NonEmptyString("uri"), value => config.Uri = value);
        IfPresent(section.NonEmptyString("host"), value => config.Host = value);
        IfPresent(section.NonEmptyString("method"), value => config.Method = value);
        IfPresent(section.Int32("expected_status", 0, 599), value => config.ExpectedStatus = (uint)value);
        IfPresent(section.Bool("fail_open"), value => config.FailOpen = value);
        ReadPostgres(section, config, files);
        var request = new Request { SetHealthCheck = new SetHealthCheck { ClusterId = clusterId, Config = config } };
        if (RequestValidator.Validate(request) is { } invalid)
        {
            throw new ConfigException(section.Position, $"{section.Description}: {invalid}");
        }

        return new ConfigRequest(request, section.Position);
    }

    private static void ReadTiming(ConfigSection section, HealthCheckConfig config)
    {
        IfPresent(section.Int32("interval", 1, 86_400), value => config.Interval = (uint)value);
        IfPresent(section.Int32("timeout", 1, 86_400), value => config.Timeout = (uint)value);
        IfPresent(section.Int32("healthy_threshold", 1, 1_000), value => config.HealthyThreshold = (uint)value);
        IfPresent(section.Int32("unhealthy_threshold", 1, 1_000), value => config.UnhealthyThreshold = (uint)value);
    }

    private static void ReadPostgres(ConfigSection section, HealthCheckConfig config, ConfigFileReader files)
    {
        IfPresent(Roles.Read(section, "role"), value => config.Role = value);
        IfPresent(section.NonEmptyString("user"), value => config.User = value);
        IfPresent(section.NonEmptyString("database"), value => config.Database = value);
        IfPresent(section.String("password"), value => config.Password = value);
        IfPresent(section.NonEmptyString("password_file"), value => config.PasswordFile = files.Resolve(value));
    }

    private static void IfPresent<T>(T? value, Action<T> apply)
        where T : struct
    {
        if (value is { } present)
        {
            apply(present);
        }
    }

    private static void IfPresent(string? value, Action<string> apply)
    {
        if (value is not null)
        {
            apply(value);
        }
    }
}
