using System.Text;
using System.Text.RegularExpressions;
using Torii.Protocol;

namespace Torii.Proxy.Routing;

/// <summary>
/// The routes of one host that share a path rule (same kind and value): at most one
/// for any method plus one per specific method. Immutable; the compiled regex is
/// shared by every version of the group.
/// </summary>
internal sealed class PathGroup
{
    private readonly MethodRoute[] _methodRoutes;

    private PathGroup(PathRuleKind kind, string pathValue, byte[] pathBytes, Regex? regex, HttpRoute? anyMethod, MethodRoute[] methodRoutes)
    {
        Kind = kind;
        PathValue = pathValue;
        PathBytes = pathBytes;
        Regex = regex;
        AnyMethod = anyMethod;
        _methodRoutes = methodRoutes;
    }

    public PathRuleKind Kind { get; }

    public string PathValue { get; }

    public byte[] PathBytes { get; }

    /// <summary>Set for <see cref="PathRuleKind.Regex"/> groups only.</summary>
    public Regex? Regex { get; }

    public HttpRoute? AnyMethod { get; }

    public bool IsEmpty => AnyMethod is null && _methodRoutes.Length == 0;

    // The empty path (a prefix rule matching every path) is most routes': its bytes are the one empty array, not one each.
    public static PathGroup Create(PathRuleKind kind, string pathValue, Regex? regex) =>
        new(kind, pathValue, pathValue.Length == 0 ? [] : Encoding.UTF8.GetBytes(pathValue), regex, null, []);

    public bool Matches(PathRuleKind kind, string pathValue) => Kind == kind && PathValue == pathValue;

    /// <summary>The route stored under exactly this method key (null = the any-method route).</summary>
    public HttpRoute? Find(string? method)
    {
        if (method is null)
        {
            return AnyMethod;
        }

        foreach (MethodRoute methodRoute in _methodRoutes)
        {
            if (methodRoute.Route.Method == method)
            {
                return methodRoute.Route;
            }
        }

        return null;
    }

    /// <summary>The route for a request method: a route of that very method beats the any-method one.</summary>
    public HttpRoute? Select(ReadOnlySpan<byte> requestMethod)
    {
        foreach (MethodRoute methodRoute in _methodRoutes)
        {
            if (requestMethod.SequenceEqual(methodRoute.Method))
            {
                return methodRoute.Route;
            }
        }

        return AnyMethod;
    }

    /// <summary>Adds a route whose method key is not yet taken.</summary>
    public PathGroup With(HttpRoute route)
    {
        if (route.Method is null)
        {
            return new PathGroup(Kind, PathValue, PathBytes, Regex, route, _methodRoutes);
        }

        MethodRoute[] methodRoutes = [.. _methodRoutes, new MethodRoute(Encoding.UTF8.GetBytes(route.Method), route)];
        return new PathGroup(Kind, PathValue, PathBytes, Regex, AnyMethod, methodRoutes);
    }

    public PathGroup Without(HttpRoute route)
    {
        if (route.Method is null)
        {
            return new PathGroup(Kind, PathValue, PathBytes, Regex, null, _methodRoutes);
        }

        MethodRoute[] methodRoutes = Array.FindAll(_methodRoutes, methodRoute => !ReferenceEquals(methodRoute.Route, route));
        return new PathGroup(Kind, PathValue, PathBytes, Regex, AnyMethod, methodRoutes);
    }
}
