using System.Collections.Immutable;
using System.Net;
using Torii.Protocol;
using Torii.Proxy.Actions;
using Torii.Proxy.Listeners;
using Torii.Proxy.Routing;

namespace Torii.Proxy.State;

public sealed partial class ConfigState
{
    public string AddHttpFrontend(RequestHttpFrontend frontend) => AddFrontend(frontend, ListenerProtocol.Http, _httpFrontends);

    public string RemoveHttpFrontend(RequestHttpFrontend frontend) => RemoveFrontend(frontend, ListenerProtocol.Http, _httpFrontends);

    public string AddHttpsFrontend(RequestHttpFrontend frontend) => AddFrontend(frontend, ListenerProtocol.Https, _httpsFrontends);

    public string RemoveHttpsFrontend(RequestHttpFrontend frontend) => RemoveFrontend(frontend, ListenerProtocol.Https, _httpsFrontends);

    public string AddTcpFrontend(RequestTcpFrontend frontend)
    {
        var address = EndPointOf(frontend.Address);
        var cluster = RequireCluster(frontend.ClusterId);
        if (FindListener(address, ListenerProtocol.Tcp) is null)
        {
            throw new CommandException($"no TCP listener at {address}");
        }

        if (_tcpFrontends.TryGetValue(address, out var existing))
        {
            throw new CommandException($"the TCP listener {address} already sends to cluster \"{existing.ClusterId}\"");
        }

        // The cluster's own id string: 100,000 clusters would otherwise hold a copy per message.
        frontend.ClusterId = cluster.Config.ClusterId;
        _tcpFrontends.Add(address, SharedEmptyMaps.Share(frontend));
        cluster.AddTcpFrontend(frontend);
        var snapshot = Snapshot;
        Publish(snapshot with { TcpRoutes = snapshot.TcpRoutes.SetItem(address, frontend.ClusterId) });
        return $"TCP frontend {address} -> {frontend.ClusterId} added";
    }

    public string RemoveTcpFrontend(RequestTcpFrontend frontend)
    {
        var address = EndPointOf(frontend.Address);
        if (!_tcpFrontends.TryGetValue(address, out var existing) || existing.ClusterId != frontend.ClusterId)
        {
            throw new CommandException($"no TCP frontend {address} for cluster \"{frontend.ClusterId}\"");
        }

        _tcpFrontends.Remove(address);
        _clusters[existing.ClusterId].RemoveTcpFrontend(existing);
        var snapshot = Snapshot;
        Publish(snapshot with { TcpRoutes = snapshot.TcpRoutes.Remove(address) });
        return $"TCP frontend {address} removed";
    }

    private string AddFrontend(RequestHttpFrontend frontend, ListenerProtocol protocol, InsertionOrderedMap<FrontendKey, RequestHttpFrontend> frontends)
    {
        var key = FrontendKey.Of(frontend);
        var cluster = frontend.HasClusterId ? RequireCluster(frontend.ClusterId) : null;
        if (cluster is not null)
        {
            // The cluster's own id string, in the message and in its route: 100,000 clusters would otherwise hold a
            // copy per frontend (bench/run.sh scenario s). Same value: a request refused below is left as it came.
            frontend.ClusterId = cluster.Config.ClusterId;
        }

        var listener = FindListener(key.Address, protocol) ?? throw new CommandException($"no {protocol} listener at {key.Address}");

        if (frontends.TryGetValue(key, out var existing))
        {
            throw new CommandException($"frontend {key} already exists (cluster \"{existing.ClusterId}\")");
        }

        var snapshot = Snapshot;
        var route = RouteOf(key, frontend) with { Actions = ActionsOf(key, frontend, protocol) };
        if (!snapshot.RoutesFor(key.Address).TryAdd(route, out var routes, out var error))
        {
            throw new CommandException($"frontend {key}: {error}");
        }

        // The listener's own address objects: 100,000 frontends of one listener would otherwise hold five objects
        // each for the same address (bench/run.sh scenario s).
        key = key with { Address = listener.Settings.Address };
        frontend.Address = listener.Address;
        frontends.Add(key, SharedEmptyMaps.Share(frontend));
        cluster?.AddFrontend(frontend, protocol == ListenerProtocol.Https);

        Publish(snapshot with { HttpRoutes = snapshot.HttpRoutes.SetItem(key.Address, routes!) });
        return $"frontend {key} added";
    }

    private string RemoveFrontend(RequestHttpFrontend frontend, ListenerProtocol protocol, InsertionOrderedMap<FrontendKey, RequestHttpFrontend> frontends)
    {
        var key = FrontendKey.Of(frontend);
        if (!frontends.TryGetValue(key, out var existing))
        {
            throw new CommandException($"no frontend {key}");
        }

        if (frontend.HasClusterId && existing.ClusterId != frontend.ClusterId)
        {
            throw new CommandException($"frontend {key} belongs to cluster \"{existing.ClusterId}\", not \"{frontend.ClusterId}\"");
        }

        var snapshot = Snapshot;
        var routes = WithoutRoute(snapshot.HttpRoutes, key, existing);
        frontends.Remove(key);
        if (existing.HasClusterId)
        {
            _clusters[existing.ClusterId].RemoveFrontend(existing, protocol == ListenerProtocol.Https);
        }

        Publish(snapshot with { HttpRoutes = routes });
        return $"frontend {key} removed";
    }

    private static ImmutableDictionary<IPEndPoint, RouteTable> WithoutRoute(
        ImmutableDictionary<IPEndPoint, RouteTable> routes, FrontendKey key, RequestHttpFrontend frontend)
    {
        var table = routes.GetValueOrDefault(key.Address) ?? RouteTable.Empty;
        return routes.SetItem(key.Address, table.Remove(RouteOf(key, frontend)));
    }

    private static FrontendActions? ActionsOf(FrontendKey key, RequestHttpFrontend frontend, ListenerProtocol protocol)
    {
        try
        {
            return FrontendActions.From(frontend, protocol == ListenerProtocol.Https);
        }
        catch (ArgumentException e)
        {
            throw new CommandException($"frontend {key}: {e.Message}");
        }
    }

    private static HttpRoute RouteOf(FrontendKey key, RequestHttpFrontend frontend) => new(
        key.Hostname,
        key.PathKind,
        key.PathValue,
        key.Method,
        frontend.HasClusterId ? RouteTarget.ForCluster(frontend.ClusterId) : RouteTarget.Deny);
}
