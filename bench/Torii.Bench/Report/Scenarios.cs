namespace Torii.Bench.Report;

/// <summary>Scenario letters of issues 6 and 14 and the proxies compared, in report order.</summary>
public static class Scenarios
{
    public static readonly IReadOnlyList<string> Proxies = ["torii", "haproxy", "nginx", "yarp"];

    public static string Title(string scenario, IReadOnlyDictionary<string, string> meta) => scenario switch
    {
        "a" => $"(a) keep-alive, 49 B body, {meta.GetValueOrDefault("connections", "50")} conns",
        "b" => "(b) keep-alive, 100 KiB body",
        "c" => "(c) new connection per request",
        "d" => "(d) TCP listener (HTTP keep-alive spliced)",
        "e" => $"(e) {Thousands(meta.GetValueOrDefault("idle_connections", "10000"))} idle keep-alive conns",
        "f" => $"(f) (a) + {Thousands(meta.GetValueOrDefault("churn_rate", "1000"))} backend add/remove per s",
        "g1" => $"(g1) TLS keep-alive, 49 B body, {meta.GetValueOrDefault("connections", "50")} conns",
        "g2" => "(g2) TLS full handshake per request",
        "m" => "(m) metrics cost, (a)'s load",
        _ => $"({scenario})",
    };

    private static string Thousands(string number) =>
        long.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? Units.Count(value) : number;

    public static string ProxyName(string proxy) => proxy switch
    {
        "haproxy" => "HAProxy",
        "yarp" => "YARP",
        _ => proxy,
    };
}
