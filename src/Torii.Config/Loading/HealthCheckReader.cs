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
        if (section.NonEmptyString("uri") is { } uri)
        {
            config.Uri = uri;
        }

        if (section.NonEmptyString("host") is { } host)
        {
            config.Host = host;
        }

        if (section.NonEmptyString("method") is { } method)
        {
            config.Method = method;
        }

        if (section.Int32("expected_status", 0, 599) is { } expectedStatus)
        {
            config.ExpectedStatus = (uint)expectedStatus;
        }

        if (section.Bool("fail_open") is { } failOpen)
        {
            config.FailOpen = failOpen;
        }

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
        if (section.Int32("interval", 1, 86_400) is { } interval)
        {
            config.Interval = (uint)interval;
        }

        if (section.Int32("timeout", 1, 86_400) is { } timeout)
        {
            config.Timeout = (uint)timeout;
        }

        if (section.Int32("healthy_threshold", 1, 1_000) is { } healthy)
        {
            config.HealthyThreshold = (uint)healthy;
        }

        if (section.Int32("unhealthy_threshold", 1, 1_000) is { } unhealthy)
        {
            config.UnhealthyThreshold = (uint)unhealthy;
        }
    }

    private static void ReadPostgres(ConfigSection section, HealthCheckConfig config, ConfigFileReader files)
    {
        if (Roles.Read(section, "role") is { } role)
        {
            config.Role = role;
        }

        if (section.NonEmptyString("user") is { } user)
        {
            config.User = user;
        }

        if (section.NonEmptyString("database") is { } database)
        {
            config.Database = database;
        }

        if (section.String("password") is { } password)
        {
            config.Password = password;
        }

        if (section.NonEmptyString("password_file") is { } passwordFile)
        {
            config.PasswordFile = files.Resolve(passwordFile);
        }
    }
}
