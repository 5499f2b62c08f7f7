using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii cluster health-check set|remove|list`, with Sōzu's flags and Torii's kind, http and postgresql ones.</summary>
internal static class HealthCheckCommands
{
    private static readonly Dictionary<string, HealthCheckKind> Kinds = new(StringComparer.Ordinal)
    {
        ["http"] = HealthCheckKind.HealthCheckHttp,
        ["tcp"] = HealthCheckKind.HealthCheckTcp,
        ["postgresql"] = HealthCheckKind.HealthCheckPostgresql,
    };

    private static readonly Dictionary<string, PostgresRole> Roles = new(StringComparer.Ordinal)
    {
        ["any"] = PostgresRole.Any,
        ["primary"] = PostgresRole.Primary,
        ["standby"] = PostgresRole.Standby,
    };

    public static Command Create(CommonOptions common) =>
        new("health-check", "Set, remove and list the clusters' active health checks")
        {
            CreateSet(common),
            CreateRemove(common),
            CreateList(common),
        };

    private static RequestCommand CreateSet(CommonOptions common)
    {
        var id = new Option<string>("--id", "-i") { Description = "The cluster id", HelpName = "CLUSTER", Required = true };
        var uri = new Option<string?>("--uri", "-u") { Description = "http: the path to request (required for http)", HelpName = "PATH" };
        var interval = Seconds("--interval", "Seconds between two checks of a backend (default 10)");
        var timeout = Seconds("--timeout", "Seconds a check may take before it fails (default 5, at most the interval)");
        var healthy = Count("--healthy-threshold", "Successful checks in a row that bring a down backend up (default 3)");
        var unhealthy = Count("--unhealthy-threshold", "Failed checks in a row that take an up backend down (default 3)");
        var expectedStatus = new Option<uint?>("--expected-status") { Description = "http: the status to expect; 0 = any 2xx (default)", HelpName = "CODE" };
        var kind = new Option<string>("--kind") { Description = "What a check does", DefaultValueFactory = _ => "http" };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var host = new Option<string?>("--host") { Description = "http: the Host header (default: the backend's address)", HelpName = "HOST" };
        var method = new Option<string?>("--method") { Description = "http: the method (default GET)", HelpName = "METHOD" };
        var role = new Option<string?>("--role") { Description = "postgresql: the role a primary-tier backend must have (default any)" };
        role.AcceptOnlyFromAmong([.. Roles.Keys]);
        var user = new Option<string?>("--user") { Description = "postgresql: the user to log in as", HelpName = "USER" };
        var database = new Option<string?>("--database") { Description = "postgresql: the database (default: the user's name)", HelpName = "DB" };
        var passwordFile = new Option<string?>("--password-file") { Description = "postgresql: a file holding the password (read by the proxy)", HelpName = "FILE" };
        var failOpen = new Option<bool?>("--fail-open") { Description = "When every backend is down: true routes to all (default), false refuses", HelpName = "true|false" };

        return new RequestCommand("set", "Set or replace the health check of a cluster", common, parseResult =>
        {
            var config = new HealthCheckConfig { Kind = Kinds[parseResult.GetRequiredValue(kind)] };
            Set(parseResult, uri, value => config.Uri = value);
            Set(parseResult, interval, value => config.Interval = value);
            Set(parseResult, timeout, value => config.Timeout = value);
            Set(parseResult, healthy, value => config.HealthyThreshold = value);
            Set(parseResult, unhealthy, value => config.UnhealthyThreshold = value);
            Set(parseResult, expectedStatus, value => config.ExpectedStatus = value);
            Set(parseResult, host, value => config.Host = value);
            Set(parseResult, method, value => config.Method = value);
            Set(parseResult, role, value => config.Role = Roles[value]);
            Set(parseResult, user, value => config.User = value);
            Set(parseResult, database, value => config.Database = value);
            // The proxy reads the file: a relative path means the caller's folder, not the proxy's.
            Set(parseResult, passwordFile, value => config.PasswordFile = Path.GetFullPath(value));
            Set(parseResult, failOpen, value => config.FailOpen = value);
            return [new Request { SetHealthCheck = new SetHealthCheck { ClusterId = parseResult.GetRequiredValue(id), Config = config } }];
        })
        {
            id, uri, interval, timeout, healthy, unhealthy, expectedStatus, kind, host, method, role, user, database, passwordFile, failOpen,
        };
    }

    private static RequestCommand CreateRemove(CommonOptions common)
    {
        var id = new Option<string>("--id", "-i") { Description = "The cluster id", HelpName = "CLUSTER", Required = true };
        return new RequestCommand("remove", "Stop checking a cluster: its backends are all up again at once", common, parseResult =>
            [new Request { RemoveHealthCheck = parseResult.GetRequiredValue(id) }])
        {
            id,
        };
    }

    private static RequestCommand CreateList(CommonOptions common)
    {
        var id = new Option<string?>("--id", "-i") { Description = "Show only this cluster's check", HelpName = "CLUSTER" };
        return new RequestCommand("list", "List the health checks and the health of each checked backend", common, parseResult =>
        {
            var query = new QueryHealthChecks();
            if (parseResult.GetValue(id) is { } clusterId)
            {
                query.ClusterId = clusterId;
            }

            return [new Request { QueryHealthChecks = query }];
        })
        {
            id,
        };
    }

    private static Option<uint?> Seconds(string name, string description) => new(name) { Description = description, HelpName = "SECONDS" };

    private static Option<uint?> Count(string name, string description) => new(name) { Description = description, HelpName = "N" };

    private static void Set<T>(ParseResult parseResult, Option<T?> option, Action<T> apply)
        where T : struct
    {
        if (parseResult.GetValue(option) is { } value)
        {
            apply(value);
        }
    }

    private static void Set(ParseResult parseResult, Option<string?> option, Action<string> apply)
    {
        if (parseResult.GetValue(option) is { } value)
        {
            apply(value);
        }
    }
}
