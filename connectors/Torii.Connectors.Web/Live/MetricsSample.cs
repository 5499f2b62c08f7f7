namespace Torii.Connectors.Web.Live;

/// <summary>One second of the proxy as the overview charts it; a latency is null when no request ended in that second.</summary>
internal sealed record MetricsSample(
    long Time,
    double RequestRate,
    double ErrorRate,
    double? P50Milliseconds,
    double? P99Milliseconds,
    long Connections);
