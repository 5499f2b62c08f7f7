using System.Diagnostics.CodeAnalysis;

namespace Torii.Proxy.Routing;

/// <summary>Where a matched request goes: a cluster, or nowhere (the proxy answers 401).</summary>
public readonly record struct RouteTarget
{
    private RouteTarget(string? clusterId) => ClusterId = clusterId;

    /// <summary>A frontend without a cluster id: requests it matches are refused.</summary>
    public static RouteTarget Deny => default;

    public string? ClusterId { get; }

    [MemberNotNullWhen(false, nameof(ClusterId))]
    public bool IsDeny => ClusterId is null;

    public static RouteTarget ForCluster(string clusterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        return new RouteTarget(clusterId);
    }

    /// <summary>Maps an optional cluster id, as frontends carry it, to a target.</summary>
    public static RouteTarget FromClusterId(string? clusterId) =>
        string.IsNullOrEmpty(clusterId) ? Deny : ForCluster(clusterId);

    public override string ToString() => ClusterId ?? "deny";
}
