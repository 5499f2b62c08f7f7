using Prometheus;

namespace Torii.Connectors.Monitoring;

/// <summary>
/// Whether the broker and the proxy connections are up, as their owners last reported. /healthz and the
/// up gauges of /metrics both read this state.
/// </summary>
public sealed class ConnectorHealth
{
    private volatile string? _brokerDown = "not connected to the broker yet";
    private volatile string? _proxyDown = "not connected to the proxy yet";

    public ConnectorHealth(ConnectorMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Gauge brokerUp = metrics.Factory.CreateGauge("torii_connector_broker_up", "1 while the connection to the broker is up, else 0.");
        Gauge proxyUp = metrics.Factory.CreateGauge("torii_connector_proxy_up", "1 while the connection to the proxy's command socket is up, else 0.");
        metrics.BeforeEachScrape(() =>
        {
            brokerUp.Set(IsBrokerUp ? 1 : 0);
            proxyUp.Set(IsProxyUp ? 1 : 0);
        });
    }

    public void BrokerUp() => _brokerDown = null;

    public void BrokerDown(string reason) => _brokerDown = reason;

    public void ProxyUp() => _proxyDown = null;

    public void ProxyDown(string reason) => _proxyDown = reason;

    public bool IsBrokerUp => _brokerDown is null;

    public bool IsProxyUp => _proxyDown is null;

    public HealthReport Report()
    {
        string? broker = _brokerDown;
        string? proxy = _proxyDown;
        return (broker, proxy) switch
        {
            (null, null) => HealthReport.Healthy,
            (not null, null) => HealthReport.Unhealthy($"broker: {broker}"),
            (null, not null) => HealthReport.Unhealthy($"proxy: {proxy}"),
            _ => HealthReport.Unhealthy($"broker: {broker}; proxy: {proxy}"),
        };
    }
}
