using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>The named values config.toml accepts, with the spellings Sōzu's config accepts.</summary>
internal static class ConfigChoices
{
    public static readonly ConfigChoice<ListenerType> ListenerProtocol = new(
        ("http", ListenerType.Http),
        ("https", ListenerType.Https),
        ("tcp", ListenerType.Tcp));

    /// <summary>A cluster is http (serving http and https listeners) or tcp.</summary>
    public static readonly ConfigChoice<ListenerType> ClusterProtocol = new(
        ("http", ListenerType.Http),
        ("tcp", ListenerType.Tcp));

    public static readonly ConfigChoice<LoadBalancingAlgorithms> LoadBalancing = new(
        ("ROUND_ROBIN", LoadBalancingAlgorithms.RoundRobin),
        ("RANDOM", LoadBalancingAlgorithms.Random),
        ("LEAST_LOADED", LoadBalancingAlgorithms.LeastLoaded),
        ("POWER_OF_TWO", LoadBalancingAlgorithms.PowerOfTwo),
        ("HRW", LoadBalancingAlgorithms.Hrw),
        ("MAGLEV", LoadBalancingAlgorithms.Maglev));

    public static readonly ConfigChoice<LoadMetric> LoadMetric = new(
        ("connections", Protocol.LoadMetric.Connections),
        ("requests", Protocol.LoadMetric.Requests),
        ("connection_time", Protocol.LoadMetric.ConnectionTime));

    public static readonly ConfigChoice<PathRuleKind> PathType = new(
        ("PREFIX", PathRuleKind.Prefix),
        ("REGEX", PathRuleKind.Regex),
        ("EQUALS", PathRuleKind.Equals));

    public static readonly ConfigChoice<RulePosition> Position = new(
        ("TREE", RulePosition.Tree),
        ("PRE", RulePosition.Pre),
        ("POST", RulePosition.Post));

    public static readonly ConfigChoice<RedirectPolicy> Redirect = new(
        ("FORWARD", RedirectPolicy.Forward),
        ("PERMANENT", RedirectPolicy.Permanent),
        ("UNAUTHORIZED", RedirectPolicy.Unauthorized),
        ("FOUND", RedirectPolicy.Found),
        ("PERMANENT_REDIRECT", RedirectPolicy.PermanentRedirect));

    // Sōzu writes "TLSv1", "TLS_V11", "TLS_V12", "TLS_V13"; the protocol's own names are accepted too.
    public static readonly ConfigChoice<TlsVersion> TlsVersion = new(
        ("SSL_V2", Protocol.TlsVersion.SslV2),
        ("SSL_V3", Protocol.TlsVersion.SslV3),
        ("TLSv1", Protocol.TlsVersion.TlsV10),
        ("TLS_V1_0", Protocol.TlsVersion.TlsV10),
        ("TLS_V11", Protocol.TlsVersion.TlsV11),
        ("TLS_V1_1", Protocol.TlsVersion.TlsV11),
        ("TLS_V12", Protocol.TlsVersion.TlsV12),
        ("TLS_V1_2", Protocol.TlsVersion.TlsV12),
        ("TLS_V13", Protocol.TlsVersion.TlsV13),
        ("TLS_V1_3", Protocol.TlsVersion.TlsV13));

    public static readonly ConfigChoice<AccessLogsFormat> AccessLogsFormat = new(
        ("ascii", Loading.AccessLogsFormat.Ascii),
        ("json", Loading.AccessLogsFormat.Json),
        ("protobuf", Loading.AccessLogsFormat.Protobuf));

    public static readonly ConfigChoice<LogLevel> LogLevel = new(
        ("error", Loading.LogLevel.Error),
        ("warn", Loading.LogLevel.Warn),
        ("info", Loading.LogLevel.Info),
        ("debug", Loading.LogLevel.Debug),
        ("trace", Loading.LogLevel.Trace));
}
