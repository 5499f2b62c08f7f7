namespace Torii.Pulsar;

/// <summary>
/// Where a connection goes: the address dialled, and when that is a Pulsar proxy, the broker URL
/// the proxy is asked to forward to (CONNECT's <c>proxy_to_broker_url</c>).
/// </summary>
internal readonly record struct BrokerTarget(BrokerAddress Address, string? ProxyToBrokerUrl = null)
{
    public override string ToString() => ProxyToBrokerUrl is null ? Address.Url : $"{ProxyToBrokerUrl} via {Address.Url}";
}
