using System.Net;

namespace Torii.Proxy.Health;

/// <summary>A backend is healthy when a TCP connection to it opens.</summary>
public sealed class TcpHealthProbe : IHealthProbe
{
    public async ValueTask<HealthProbeResult> CheckAsync(IPEndPoint address, bool isBackup, CancellationToken cancellationToken)
    {
        var (socket, failure) = await ProbeSocket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return HealthProbeResult.Fail(failure!);
        }

        socket.Dispose();
        return HealthProbeResult.Success;
    }
}
