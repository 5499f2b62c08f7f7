namespace Torii.Proxy.Health.Polling;

/// <summary>Healthy when the connection opens.</summary>
internal sealed class TcpCheck : PolledCheck
{
    protected override HealthProbeResult? OnConnected() => HealthProbeResult.Success;

    protected override HealthProbeResult? OnReady(short events) => HealthProbeResult.Success;
}
