using System.Diagnostics.CodeAnalysis;

namespace Torii.Proxy.Routing;

/// <summary>Hostname handling shared by configured routes and incoming Host headers.</summary>
internal static class HostName
{
    /// <summary>
    /// The host part of a Host header value: surrounding whitespace, a ":port" suffix
    /// and one trailing dot removed. IPv6 literals keep their brackets.
    /// </summary>
    public static ReadOnlySpan<byte> FromHeader(ReadOnlySpan<byte> value)
    {
        value = value.Trim(" \t"u8);
        if (value.IsEmpty)
        {
            return value;
        }

        if (value[0] == (byte)'[')
        {
            int close = value.IndexOf((byte)']');
            return close < 0 ? [] : value[..(close + 1)];
        }

        int colon = value.IndexOf((byte)':');
        if (colon >= 0)
        {
            value = value[..colon];
        }

        if (!value.IsEmpty && value[^1] == (byte)'.')
        {
            value = value[..^1];
        }

        return value;
    }

    /// <summary>
    /// Lowercases (ASCII only, as Host headers are compared), drops one trailing dot and
    /// checks the shape: no whitespace, no port, and '*' only as a whole first label.
    /// </summary>
    public static bool TryNormalize(
        string? hostname, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        string host = (hostname ?? string.Empty).Trim();
        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (host.Length == 0)
        {
            error = "the hostname is empty";
            return false;
        }

        foreach (char c in host)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '?' or '#' or '@')
            {
                error = $"the hostname '{hostname}' contains an invalid character";
                return false;
            }
        }

        bool isBracketed = host[0] == '[';
        if (isBracketed ? !host.EndsWith(']') : host.Contains(':'))
        {
            error = $"the hostname '{hostname}' must not carry a port";
            return false;
        }

        int star = host.IndexOf('*');
        if (star >= 0 && (star != 0 || host.Length < 3 || host[1] != '.' || host.IndexOf('*', 1) >= 0))
        {
            error = $"the hostname '{hostname}' may only use '*' as its whole first label, as in '*.example.com'";
            return false;
        }

        // Most hostnames come lowercase: the state then keeps the one string (a copy each was 56 bytes a frontend).
        normalized = !host.AsSpan().ContainsAnyInRange('A', 'Z') ? host : string.Create(host.Length, host, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            }
        });
        error = null;
        return true;
    }
}
