using System.Net;
using Torii.Protocol;

namespace Torii.Proxy.State;

/// <summary>What makes two HTTP frontends the same: where they listen and what they match, not where they send.</summary>
public readonly record struct FrontendKey(IPEndPoint Address, string Hostname, PathRuleKind PathKind, string PathValue, string? Method)
{
    public static FrontendKey Of(RequestHttpFrontend frontend) => new(
        SocketAddresses.ToEndPoint(frontend.Address),
        frontend.Hostname.ToLowerInvariant().TrimEnd('.'),
        frontend.Path?.Kind ?? PathRuleKind.Prefix,
        frontend.Path?.Value ?? string.Empty,
        frontend.HasMethod ? frontend.Method : null);

    public override string ToString()
    {
        var path = PathKind switch
        {
            PathRuleKind.Equals => $" path = {PathValue}",
            PathRuleKind.Regex => $" path ~ {PathValue}",
            _ => PathValue.Length == 0 ? string.Empty : $" path prefix {PathValue}",
        };
        var method = Method is null ? string.Empty : $" method {Method}";
        return $"{Address} {Hostname}{path}{method}";
    }
}
