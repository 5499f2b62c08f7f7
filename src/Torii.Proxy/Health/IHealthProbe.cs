using System.Net;

namespace Torii.Proxy.Health;

/// <summary>One kind of active health check. Implementations are stateless and shared by every backend of a cluster.</summary>
public interface IHealthProbe
{
    /// <summary>Checks one backend once; the caller cancels at the check's timeout. Never throws for a failed check.</summary>
    ValueTask<HealthProbeResult> CheckAsync(IPEndPoint address, bool isBackup, CancellationToken cancellationToken);
}
