using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>`cluster health-check list`: each cluster's check, then the health of its backends.</summary>
internal static class HealthChecksTable
{
    public static void Write(HealthChecksList list, TextWriter writer)
    {
        if (list.Map.Count == 0)
        {
            writer.WriteLine("no health checks");
            return;
        }

        var table = new TextTable("CLUSTER", "KIND", "CHECK", "INTERVAL", "TIMEOUT", "HEALTHY THRESHOLD", "UNHEALTHY THRESHOLD", "EXPECTED", "FAIL OPEN");
        foreach (var (clusterId, config) in list.Map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            table.AddRow(
                clusterId,
                Display.HealthCheckKind(config.Kind),
                What(config),
                $"{config.Interval}s",
                $"{config.Timeout}s",
                Display.Number(config.HealthyThreshold),
                Display.Number(config.UnhealthyThreshold),
                config.Kind == HealthCheckKind.HealthCheckHttp ? (config.ExpectedStatus == 0 ? "any 2xx" : Display.Number(config.ExpectedStatus)) : Display.None,
                Display.YesNo(config.FailOpen));
        }

        table.WriteTo(writer);
        if (list.Backends.Count > 0)
        {
            writer.WriteLine();
            BackendHealthTable.Write(list.Backends, writer);
        }
    }

    private static string What(HealthCheckConfig config) => config.Kind switch
    {
        HealthCheckKind.HealthCheckHttp => $"{(config.HasMethod ? config.Method : "GET")} {config.Uri}{(config.HasHost ? $" (Host {config.Host})" : string.Empty)}",
        HealthCheckKind.HealthCheckPostgresql => $"{config.User}@{(config.HasDatabase ? config.Database : config.User)} role {Display.PostgresRole(config.Role)}",
        _ => "connect",
    };
}
