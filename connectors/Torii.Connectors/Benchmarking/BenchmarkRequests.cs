using System.Net;
using Torii.Protocol;
using SocketAddress = Torii.Protocol.SocketAddress;

namespace Torii.Connectors.Benchmarking;

/// <summary>
/// The updates a benchmark publishes: add_cluster, then add_backend and remove_backend of a fresh backend id in
/// turn, so that the proxy's state stays small however many are sent and every request succeeds.
/// </summary>
public static class BenchmarkRequests
{
    public static IReadOnlyList<Request> Create(string clusterId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var requests = new List<Request>(count) { new() { AddCluster = new Cluster { ClusterId = clusterId, LoadBalancing = LoadBalancingAlgorithms.RoundRobin } } };
        string run = Guid.NewGuid().ToString("N")[..8];
        SocketAddress address = SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, 9));
        for (int i = 1; i < count; i++)
        {
            string backendId = $"bench-{run}-{(i + 1) / 2}";
            requests.Add(i % 2 == 1
                ? new Request { AddBackend = new AddBackend { ClusterId = clusterId, BackendId = backendId, Address = address } }
                : new Request { RemoveBackend = new RemoveBackend { ClusterId = clusterId, BackendId = backendId, Address = address } });
        }

        return requests;
    }
}
