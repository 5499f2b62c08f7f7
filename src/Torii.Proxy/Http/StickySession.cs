using System.Text;
using Torii.Proxy.Backends;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Runtime;

namespace Torii.Proxy.Http;

/// <summary>Sticky sessions by cookie: the cookie names a backend's sticky id; a response sets it when it is missing or stale.</summary>
public static class StickySession
{
    private const int MaxStickyIdLength = 256;

    public static Backend? Preferred(ClusterRuntime cluster, RequestHead request, string cookieName)
    {
        if (!cluster.StickySession || !TryFindCookie(request, cookieName, out var value) || value.Length > MaxStickyIdLength)
        {
            return null;
        }

        Span<char> stickyId = stackalloc char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            stickyId[i] = (char)value[i];
        }

        return cluster.Backends.FindSticky(stickyId, Environment.TickCount64);
    }

    /// <summary>The Set-Cookie value to add to the response, or empty when the client already holds the right one.</summary>
    public static ReadOnlyMemory<byte> CookieToSet(ClusterRuntime cluster, RequestHead request, string cookieName, Backend chosen, Backend? preferred)
    {
        if (!cluster.StickySession || ReferenceEquals(chosen, preferred))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        _ = request;
        return Encoding.ASCII.GetBytes($"{cookieName}={chosen.StickyId}; Path=/");
    }

    private static bool TryFindCookie(RequestHead request, string cookieName, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!request.TryGetHeader("Cookie"u8, out var cookies))
        {
            return false;
        }

        Span<byte> name = stackalloc byte[cookieName.Length];
        if (Encoding.ASCII.GetBytes(cookieName, name) != cookieName.Length)
        {
            return false;
        }

        while (!cookies.IsEmpty)
        {
            var end = cookies.IndexOf((byte)';');
            var pair = (end < 0 ? cookies : cookies[..end]).Trim((byte)' ');
            cookies = end < 0 ? default : cookies[(end + 1)..];
            var equals = pair.IndexOf((byte)'=');
            if (equals > 0 && pair[..equals].SequenceEqual(name))
            {
                value = pair[(equals + 1)..].Trim((byte)'"');
                return true;
            }
        }

        return false;
    }
}
