using System.Diagnostics.CodeAnalysis;
using Torii.Protocol;

namespace Torii.Proxy.Routing;

internal static class RouteValidator
{
    /// <summary>Checks everything about a route except its regex, which is compiled only when needed.</summary>
    public static bool TryValidate(
        HttpRoute route, [NotNullWhen(true)] out string? normalizedHost, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(route);
        normalizedHost = null;
        if (!Enum.IsDefined(route.Kind))
        {
            error = $"unknown path rule kind {(int)route.Kind}";
            return false;
        }

        if (route.PathValue is null)
        {
            error = "the path value is missing";
            return false;
        }

        if (route.Method is not null && !IsToken(route.Method))
        {
            error = $"the method '{route.Method}' is not an HTTP token";
            return false;
        }

        return HostName.TryNormalize(route.Hostname, out normalizedHost, out error);
    }

    private static bool IsToken(string method)
    {
        if (method.Length == 0)
        {
            return false;
        }

        foreach (char c in method)
        {
            bool isTokenChar = char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
            if (!isTokenChar)
            {
                return false;
            }
        }

        return true;
    }
}
