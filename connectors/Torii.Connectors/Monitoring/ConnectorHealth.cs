namespace Torii.Connectors.Monitoring;

/// <summary>Whether the broker and the proxy connections are up, as their owners last reported.</summary>
public sealed class ConnectorHealth
{
    private volatile string? _brokerDown = "not connected to the broker yet";
    private volatile string? _proxyDown = "not connected to the proxy yet";

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
            (null, null) => new HealthReport(true, null),
            (not null, null) => new HealthReport(false, OneLine($"broker: {broker}")),
            (null, not null) => new HealthReport(false, OneLine($"proxy: {proxy}")),
            _ => new HealthReport(false, OneLine($"broker: {broker}; proxy: {proxy}")),
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
