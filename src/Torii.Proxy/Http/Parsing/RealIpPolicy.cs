namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// A listener's X-Real-IP handling (Sōzu's send_x_real_ip and elide_x_real_ip). Sending replaces
/// whatever X-Real-IP the client sent, so a backend never sees a client's claim next to the proxy's.
/// </summary>
/// <param name="Send">Set X-Real-IP to the client's address (the PROXY header's source when there is one).</param>
/// <param name="Elide">Remove an X-Real-IP the client sent.</param>
public readonly record struct RealIpPolicy(bool Send, bool Elide)
{
    public static ReadOnlySpan<byte> HeaderName => "X-Real-IP"u8;

    /// <summary>Whether the client's own X-Real-IP lines are left out of the forwarded head.</summary>
    public bool DropsClientHeader => Send || Elide;
}
