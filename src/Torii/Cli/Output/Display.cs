using Torii.Protocol;

namespace Torii.Cli.Output;

/// <summary>How protocol values read in tables.</summary>
internal static class Display
{
    public const string None = "-";

    public static string Address(SocketAddress? address)
    {
        if (address is null)
        {
            return None;
        }

        try
        {
            return SocketAddresses.Format(address);
        }
        catch (FormatException)
        {
            return "(invalid)";
        }
    }

    public static string Path(PathRule? rule) => rule switch
    {
        null or { Kind: PathRuleKind.Prefix, Value: "" } => "any",
        { Kind: PathRuleKind.Prefix } => $"prefix {rule.Value}",
        { Kind: PathRuleKind.Equals } => $"equals {rule.Value}",
        { Kind: PathRuleKind.Regex } => $"regex {rule.Value}",
        _ => rule.Value,
    };

    public static string Method(RequestHttpFrontend frontend) => frontend.HasMethod ? frontend.Method : "any";

    public static string Cluster(RequestHttpFrontend frontend) => frontend.HasClusterId ? frontend.ClusterId : "(deny)";

    public static string YesNo(bool value) => value ? "yes" : "no";

    public static string LoadBalancing(LoadBalancingAlgorithms algorithm) => algorithm switch
    {
        LoadBalancingAlgorithms.RoundRobin => "round_robin",
        LoadBalancingAlgorithms.Random => "random",
        LoadBalancingAlgorithms.LeastLoaded => "least_loaded",
        LoadBalancingAlgorithms.PowerOfTwo => "power_of_two",
        LoadBalancingAlgorithms.Hrw => "hrw",
        LoadBalancingAlgorithms.Maglev => "maglev",
        _ => ((int)algorithm).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string RunState(RunState state) => state switch
    {
        Protocol.RunState.Running => "running",
        Protocol.RunState.Stopping => "stopping",
        Protocol.RunState.Stopped => "stopped",
        Protocol.RunState.NotAnswering => "not answering",
        _ => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string HealthCheckKind(HealthCheckKind kind) => kind switch
    {
        Protocol.HealthCheckKind.HealthCheckHttp => "http",
        Protocol.HealthCheckKind.HealthCheckTcp => "tcp",
        Protocol.HealthCheckKind.HealthCheckPostgresql => "postgresql",
        _ => ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string PostgresRole(PostgresRole role) => role switch
    {
        Protocol.PostgresRole.Primary => "primary",
        Protocol.PostgresRole.Standby => "standby",
        _ => "any",
    };

    /// <summary>UP or DOWN for a checked backend; "unchecked" when its cluster has no health check.</summary>
    public static string Health(BackendHealthStatus status) => !status.Checked ? "unchecked" : status.Up ? "UP" : "DOWN";

    public static string Since(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Number(ulong value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
