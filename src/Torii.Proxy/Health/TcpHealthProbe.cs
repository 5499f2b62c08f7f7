using System.Net;
using Torii.Proxy.Health.Polling;

namespace Torii.Proxy.Health;

/// <summary>A backend is healthy when a TCP connection to it opens (stepped by the <see cref="CheckPoller"/>).</summary>
public sealed class TcpHealthProbe : IHealthProbe
{
    public ValueTask<HealthProbeResult> CheckAsync(IPEndPoint address, bool isBackup, CancellationToken cancellationToken) =>
        CheckPoller.Shared.RunAsync(new TcpCheck(), address, cancellationToken);
}
