using Torii.Protocol;
using static Torii.Cli.Tests.CommandLines;

namespace Torii.Cli.Tests.Commands;

public sealed class HealthCheckCommandTests
{
    [Fact]
    public void Set_with_sozu_flags_sends_those_fields_and_leaves_the_rest_to_the_defaults()
    {
        var expected = new SetHealthCheck
        {
            ClusterId = "api",
            Config = new HealthCheckConfig
            {
                Kind = HealthCheckKind.HealthCheckHttp,
                Uri = "/health",
                Interval = 10,
                Timeout = 5,
                HealthyThreshold = 3,
                UnhealthyThreshold = 2,
                ExpectedStatus = 204,
            },
        };

        Assert.Equal(expected, RequestFor("cluster health-check set --id api --uri /health --interval 10 --timeout 5 --healthy-threshold 3 --unhealthy-threshold 2 --expected-status 204").SetHealthCheck);
        Assert.False(RequestFor("cluster health-check set -i api -u /h").SetHealthCheck.Config.HasInterval);
    }

    [Fact]
    public void Set_with_torii_flags_sends_kind_http_and_postgresql_settings_and_an_absolute_password_file()
    {
        var check = RequestFor("cluster health-check set --id db --kind postgresql --role standby --user torii --database postgres --password-file pg.pw --fail-open false --host h --method HEAD").SetHealthCheck.Config;

        Assert.Equal(HealthCheckKind.HealthCheckPostgresql, check.Kind);
        Assert.Equal((PostgresRole.Standby, "torii", "postgres", false), (check.Role, check.User, check.Database, check.FailOpen));
        Assert.True(check.HasFailOpen);
        Assert.Equal(Path.GetFullPath("pg.pw"), check.PasswordFile);
        Assert.Equal(("h", "HEAD"), (check.Host, check.Method));
    }

    [Fact]
    public void Remove_and_list_name_the_cluster()
    {
        Assert.Equal(new Request { RemoveHealthCheck = "api" }, RequestFor("cluster health-check remove --id api"));
        Assert.Equal(new Request { QueryHealthChecks = new QueryHealthChecks() }, RequestFor("cluster health-check list"));
        Assert.Equal(new Request { QueryHealthChecks = new QueryHealthChecks { ClusterId = "api" } }, RequestFor("cluster health-check list --id api"));
    }

    [Fact]
    public void Unknown_kinds_and_roles_and_a_missing_id_are_parse_errors()
    {
        Assert.NotEmpty(ParseErrorsOf("cluster health-check set --id api --kind udp"));
        Assert.NotEmpty(ParseErrorsOf("cluster health-check set --id api --kind postgresql --role leader"));
        Assert.NotEmpty(ParseErrorsOf("cluster health-check set --uri /h"));
        Assert.NotEmpty(ParseErrorsOf("cluster health-check set --id api --interval -1"));
    }
}
