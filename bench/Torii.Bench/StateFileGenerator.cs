using System.Globalization;
using System.Text;
using Torii.Protocol;

namespace Torii.Bench;

/// <summary>
/// Scenario (s): writes a state file of N clusters, each with one HTTP frontend (host cN.scale.test, any path)
/// on an existing listener and one backend, in the format `torii state save` writes, for `torii state load`.
/// </summary>
public static class StateFileGenerator
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var clusters = options.Int("clusters");
        var listener = SocketAddresses.Parse(options.Text("listener"));
        var backend = SocketAddresses.Parse(options.Text("backend"));
        var path = options.Text("out");
        if (clusters < 1)
        {
            throw new ArgumentException("--clusters must be positive");
        }

        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await StateFile.WriteAsync(writer, Requests(clusters, listener, backend));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {clusters * 3} requests for {clusters} clusters to {Path.GetFullPath(path)}"));
        return 0;
    }

    /// <summary>The host name of cluster <paramref name="index"/>'s frontend, for requests routed to it.</summary>
    public static string HostOf(int index) => string.Create(CultureInfo.InvariantCulture, $"c{index}.scale.test");

    private static IEnumerable<Request> Requests(int clusters, SocketAddress listener, SocketAddress backend)
    {
        // As a saved state orders them: clusters, then frontends, then backends.
        for (var i = 0; i < clusters; i++)
        {
            yield return new Request { AddCluster = new Cluster { ClusterId = ClusterId(i), LoadBalancing = LoadBalancingAlgorithms.RoundRobin } };
        }

        for (var i = 0; i < clusters; i++)
        {
            yield return new Request
            {
                AddHttpFrontend = new RequestHttpFrontend
                {
                    ClusterId = ClusterId(i),
                    Address = listener.Clone(),
                    Hostname = HostOf(i),
                    Path = new PathRule { Kind = PathRuleKind.Prefix, Value = string.Empty },
                },
            };
        }

        for (var i = 0; i < clusters; i++)
        {
            yield return new Request
            {
                AddBackend = new AddBackend { ClusterId = ClusterId(i), BackendId = ClusterId(i) + "-b0", Address = backend.Clone() },
            };
        }
    }

    private static string ClusterId(int index) => string.Create(CultureInfo.InvariantCulture, $"c{index}");
}
