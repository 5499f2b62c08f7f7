using System.Net;
using Torii.Protocol;
using SocketAddress = Torii.Protocol.SocketAddress;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Command requests as the tests send them.</summary>
public static class Requests
{
    public static SocketAddress Loopback(int port) => SocketAddresses.ToProto(new IPEndPoint(IPAddress.Loopback, port));

    public static Request HttpListener(int port, uint backTimeoutSeconds = 30) => new()
    {
        AddHttpListener = new HttpListenerConfig { Address = Loopback(port), BackTimeout = backTimeoutSeconds, Active = true },
    };

    public static Request TcpListener(int port) => new()
    {
        AddTcpListener = new TcpListenerConfig { Address = Loopback(port), Active = true },
    };

    public static Request Cluster(string id, LoadBalancingAlgorithms algorithm = LoadBalancingAlgorithms.RoundRobin, bool sticky = false) => new()
    {
        AddCluster = new Cluster { ClusterId = id, LoadBalancing = algorithm, StickySession = sticky, HttpsRedirect = false },
    };

    public static Request RemoveCluster(string id) => new() { RemoveCluster = id };

    public static Request Backend(string cluster, string id, TestBackend backend, int weight = 100) =>
        Backend(cluster, id, backend.Port, weight);

    public static Request Backend(string cluster, string id, int port, int weight = 100) => new()
    {
        AddBackend = new AddBackend
        {
            ClusterId = cluster,
            BackendId = id,
            Address = Loopback(port),
            LoadBalancingParameters = new LoadBalancingParams { Weight = weight },
        },
    };

    public static Request RemoveBackend(string cluster, string id, int port) => new()
    {
        RemoveBackend = new RemoveBackend { ClusterId = cluster, BackendId = id, Address = Loopback(port) },
    };

    public static RequestHttpFrontend Frontend(string? cluster, int listenerPort, string hostname, string pathPrefix = "")
    {
        var frontend = new RequestHttpFrontend
        {
            Address = Loopback(listenerPort),
            Hostname = hostname,
            Path = new PathRule { Kind = PathRuleKind.Prefix, Value = pathPrefix },
        };
        if (cluster is not null)
        {
            frontend.ClusterId = cluster;
        }

        return frontend;
    }

    public static Request AddFrontend(string cluster, int listenerPort, string hostname, string pathPrefix = "") =>
        new() { AddHttpFrontend = Frontend(cluster, listenerPort, hostname, pathPrefix) };

    public static Request RemoveFrontend(string cluster, int listenerPort, string hostname, string pathPrefix = "") =>
        new() { RemoveHttpFrontend = Frontend(cluster, listenerPort, hostname, pathPrefix) };

    public static Request TcpFrontend(string cluster, int listenerPort) => new()
    {
        AddTcpFrontend = new RequestTcpFrontend { ClusterId = cluster, Address = Loopback(listenerPort) },
    };
}
