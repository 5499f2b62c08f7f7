using Torii.Protocol;

namespace Torii.Config.Tests.Config;

/// <summary>[clusters.ID.health_check] becomes set_health_check after the cluster's backends.</summary>
public sealed class HealthCheckConfigTests : IDisposable
{
    private const string Cluster = """
        [clusters.db]
        protocol = "tcp"
        backends = [ { address = "127.0.0.1:5432" } ]

        """;

    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_key_is_read_and_the_check_comes_after_the_backends()
    {
        var config = _folder.Load(Cluster + """
            [clusters.db.health_check]
            kind = "postgresql"
            interval = 2
            timeout = 1
            healthy_threshold = 1
            unhealthy_threshold = 2
            fail_open = false
            role = "primary"
            user = "torii_health"
            database = "postgres"
            password_file = "secrets/pg-health.password"
            """);

        var requests = config.Requests.Select(request => request.Request).ToList();
        Assert.Equal(Request.RequestTypeOneofCase.AddBackend, requests[^2].RequestTypeCase);
        var expected = new SetHealthCheck
        {
            ClusterId = "db",
            Config = new HealthCheckConfig
            {
                Kind = HealthCheckKind.HealthCheckPostgresql,
                Interval = 2,
                Timeout = 1,
                HealthyThreshold = 1,
                UnhealthyThreshold = 2,
                FailOpen = false,
                Role = PostgresRole.Primary,
                User = "torii_health",
                Database = "postgres",
                PasswordFile = Path.Combine(_folder.Root, "secrets", "pg-health.password"),
            },
        };
        Assert.Equal(expected, requests[^1].SetHealthCheck);
    }

    [Fact]
    public void Sozu_keys_alone_make_an_http_check_with_sozu_defaults()
    {
        var check = _folder.Load(Cluster + """
            [clusters.db.health_check]
            uri = "/health"
            expected_status = 204
            host = "app.internal"
            method = "HEAD"
            """).Requests[^1].Request.SetHealthCheck.Config;

        Assert.Equal(HealthCheckKind.HealthCheckHttp, check.Kind);
        Assert.Equal(("/health", 204u, "app.internal", "HEAD"), (check.Uri, check.ExpectedStatus, check.Host, check.Method));
        Assert.Equal((10u, 5u, 3u, 3u, true), (check.Interval, check.Timeout, check.HealthyThreshold, check.UnhealthyThreshold, check.FailOpen));
    }

    [Theory]
    [InlineData("uri = \"/h\"\ninterval = 0", "expected an integer between 1 and 86400 for 'interval', found 0")]
    [InlineData("uri = \"/h\"\nhealthy_threshold = 0", "expected an integer between 1 and 1000 for 'healthy_threshold', found 0")]
    [InlineData("uri = \"/h\"\ninterval = 2\ntimeout = 3", "timeout 3 is longer than")]
    [InlineData("interval = 10", "uri is required for an http health check")]
    [InlineData("kind = \"postgresql\"\npassword = \"x\"", "user is required for a postgresql health check")]
    [InlineData("kind = \"postgresql\"\nuser = \"u\"\npassword = \"x\"\npassword_file = \"f\"", "give password or password_file, not both")]
    [InlineData("kind = \"udp\"", "unknown kind 'udp'; expected one of http, tcp, postgresql")]
    [InlineData("uri = \"/h\"\nrise = 2", "unknown key 'rise' in the health check of cluster 'db'")]
    public void Bad_settings_are_refused_at_load_naming_the_problem(string table, string expected)
    {
        var error = _folder.LoadError(Cluster + "[clusters.db.health_check]\n" + table + "\n");

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_is_not_in_the_error_of_a_refused_check()
    {
        var error = _folder.LoadError(Cluster + "[clusters.db.health_check]\nkind = \"postgresql\"\nuser = \"u\"\npassword = \"hunter2-secret\"\npassword_file = \"f\"\n");

        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }
}
