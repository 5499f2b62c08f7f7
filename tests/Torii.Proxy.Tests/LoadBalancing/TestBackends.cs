using System.Net;
using Torii.Proxy.Backends;

namespace Torii.Proxy.Tests.LoadBalancing;

internal static class TestBackends
{
    public const string ClusterId = "cluster";

    private static int s_nextPort = 9000;

    public static Backend Create(string id, int weight = Backend.DefaultWeight, bool isBackup = false, string? stickyId = null, int maxConnections = 0) =>
        new(ClusterId, id, new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref s_nextPort)), weight, isBackup, stickyId, maxConnections);

    public static BackendSet Set(params Backend[] backends) => BackendSet.Create(backends);

    /// <summary>Counts picks per backend id.</summary>
    public static Dictionary<string, int> Tally(Func<Backend?> pick, int picks)
    {
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < picks; i++)
        {
            Backend backend = pick() ?? throw new InvalidOperationException("pick returned null");
            counts[backend.Id] = counts.GetValueOrDefault(backend.Id) + 1;
        }

        return counts;
    }

    public static void SetConnections(Backend backend, int connections)
    {
        while (backend.ActiveConnections < connections)
        {
            backend.IncrementConnections();
        }

        while (backend.ActiveConnections > connections)
        {
            backend.DecrementConnections();
        }
    }
}
