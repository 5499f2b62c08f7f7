namespace Torii.Protocol.Tests;

/// <summary>The health check settings the validator refuses, whichever request carries them.</summary>
public sealed class HealthCheckValidationTests
{
    public static TheoryData<string, Action<HealthCheckConfig>, string> Refused => new()
    {
        { "interval 0", config => config.Interval = 0, "interval 0 is outside 1..86400" },
        { "healthy threshold 0", config => config.HealthyThreshold = 0, "healthy_threshold 0 is outside 1..1000" },
        { "unhealthy threshold 0", config => config.UnhealthyThreshold = 0, "unhealthy_threshold 0 is outside 1..1000" },
        { "timeout longer than the interval", config => (config.Interval, config.Timeout) = (2, 3), "timeout 3 is longer than" },
        { "timeout 0", config => config.Timeout = 0, "timeout must be at least 1 second" },
        { "http without uri", config => config.ClearUri(), "uri is required for an http health check" },
        { "uri not a path", config => config.Uri = "health", "must be an origin-form path" },
        { "uri with a space", config => config.Uri = "/a b", "must be an origin-form path" },
        { "expected status 42", config => config.ExpectedStatus = 42, "expected_status 42" },
        { "method not a token", config => config.Method = "GE T", "is not an HTTP token" },
        { "host with a line break", config => config.Host = "a\r\nX: y", "is not a Host header value" },
        { "postgresql without user", config => config.Kind = HealthCheckKind.HealthCheckPostgresql, "user is required for a postgresql health check" },
        {
            "password and password_file", config => (config.Kind, config.User, config.Password, config.PasswordFile) = (HealthCheckKind.HealthCheckPostgresql, "u", "p", "/f"),
            "give password or password_file, not both"
        },
        { "unknown kind", config => config.Kind = (HealthCheckKind)9, "kind 9 is not a known" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Set_health_check_is_refused_naming_the_problem(string why, Action<HealthCheckConfig> spoil, string expected)
    {
        var config = Valid();
        spoil(config);

        var reason = RequestValidator.Validate(new Request { SetHealthCheck = new SetHealthCheck { ClusterId = "app", Config = config } });

        Assert.True(reason?.Contains(expected, StringComparison.Ordinal) == true, $"{why}: {reason}");
    }

    [Fact]
    public void Add_cluster_carrying_a_bad_check_is_refused_too()
    {
        var cluster = new Cluster { ClusterId = "app", HealthCheck = Valid() };
        cluster.HealthCheck.Interval = 0;

        Assert.Contains("add_cluster.health_check.interval 0", RequestValidator.Validate(new Request { AddCluster = cluster }), StringComparison.Ordinal);
    }

    [Fact]
    public void Sozu_defaults_tcp_and_postgresql_checks_are_accepted()
    {
        Assert.Null(RequestValidator.Validate(new Request { SetHealthCheck = new SetHealthCheck { ClusterId = "app", Config = new HealthCheckConfig { Uri = "/health" } } }));
        Assert.Null(RequestValidator.Validate(new Request { SetHealthCheck = new SetHealthCheck { ClusterId = "app", Config = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckTcp } } }));
        var postgres = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckPostgresql, User = "torii", PasswordFile = "/etc/torii/pg", Role = PostgresRole.Primary };
        Assert.Null(RequestValidator.Validate(new Request { SetHealthCheck = new SetHealthCheck { ClusterId = "app", Config = postgres } }));
    }

    [Fact]
    public void Set_health_check_needs_a_cluster_and_a_config()
    {
        Assert.Equal("set_health_check.cluster_id is required", RequestValidator.Validate(new Request { SetHealthCheck = new SetHealthCheck { Config = Valid() } }));
        Assert.Equal("set_health_check.config is required", RequestValidator.Validate(new Request { SetHealthCheck = new SetHealthCheck { ClusterId = "app" } }));
        Assert.Equal("remove_health_check must not be empty", RequestValidator.Validate(new Request { RemoveHealthCheck = string.Empty }));
    }

    private static HealthCheckConfig Valid() => new() { Uri = "/health", Interval = 2, Timeout = 1, HealthyThreshold = 2, UnhealthyThreshold = 2 };
}
