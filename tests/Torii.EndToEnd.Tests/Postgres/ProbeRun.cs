using System.Net;
using Torii.Proxy.Health;
using Torii.Proxy.Health.Postgres;

namespace Torii.EndToEnd.Tests.Postgres;

/// <summary>Runs one PostgreSQL check as the health checker does: with its timeout as the cancellation.</summary>
internal static class ProbeRun
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<HealthProbeResult> CheckAsync(PostgresCheckSettings settings, IPEndPoint address, bool isBackup = false, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Timeout);
        return await new PostgresHealthProbe(settings).CheckAsync(address, isBackup, deadline.Token);
    }

    public static void AssertHealthy(HealthProbeResult result) => Assert.True(result.Healthy, $"expected healthy, failed: {result.Failure}");

    public static string AssertFailed(HealthProbeResult result)
    {
        Assert.False(result.Healthy, "expected a failed check, it passed");
        Assert.False(string.IsNullOrEmpty(result.Failure), "a failed check says why");
        return result.Failure!;
    }
}
