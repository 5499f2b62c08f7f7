namespace Torii.Proxy.Routing;

/// <summary>A route restricted to one method, with the method's bytes ready for comparison.</summary>
internal readonly struct MethodRoute(byte[] method, HttpRoute route)
{
    public byte[] Method { get; } = method;

    public HttpRoute Route { get; } = route;
}
