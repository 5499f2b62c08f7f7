using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii limits set-per-ip N` and `torii limits show`: the global max_connections_per_ip.</summary>
internal static class LimitsCommands
{
    /// <summary>The protocol's bound (the request validator refuses more).</summary>
    public const long MaxConnectionsPerIp = 1_000_000;

    public static Command Create(CommonOptions common) =>
        new("limits", "The proxy-wide limit of connections per client IP and cluster")
        {
            CreateSetPerIp(common),
            new RequestCommand("show", "Show the global max connections per IP (a cluster may override it)", common, _ =>
                [new Request { QueryMaxConnectionsPerIp = new QueryMaxConnectionsPerIp() }]),
        };

    private static RequestCommand CreateSetPerIp(CommonOptions common)
    {
        var limit = new Argument<long>("connections")
        {
            Description = $"Connections one client IP may hold open to one cluster, 0..{MaxConnectionsPerIp} (0: unlimited)",
        };
        return new RequestCommand("set-per-ip", "Set the global max connections per client IP and cluster; clusters without their own limit follow it", common, parseResult =>
        {
            var value = parseResult.GetValue(limit);
            return value < 0
                ? throw new CommandLineException($"connections {value} is outside 0..{MaxConnectionsPerIp} (0: unlimited)")
                : [new Request { SetMaxConnectionsPerIp = (ulong)value }];
        })
        {
            limit,
        };
    }
}
