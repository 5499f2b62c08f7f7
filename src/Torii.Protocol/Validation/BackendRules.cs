namespace Torii.Protocol;

internal static class BackendRules
{
    public static string? CheckAdd(FieldPath field, AddBackend backend) =>
        IdentifierRule.Required($"{field}.cluster_id", backend.HasClusterId, backend.ClusterId)
        ?? IdentifierRule.Required($"{field}.backend_id", backend.HasBackendId, backend.BackendId)
        ?? AddressRule.Required($"{field}.address", backend.Address)
        ?? IdentifierRule.Optional($"{field}.sticky_id", backend.HasStickyId, backend.StickyId)
        ?? NumberRules.Weight($"{field}.load_balancing_parameters.weight", backend.LoadBalancingParameters)
        ?? NumberRules.MaxConnections($"{field}.max_connections", backend.HasMaxConnections, backend.MaxConnections);

    public static string? CheckRemove(FieldPath field, RemoveBackend backend) =>
        IdentifierRule.Required($"{field}.cluster_id", backend.HasClusterId, backend.ClusterId)
        ?? IdentifierRule.Required($"{field}.backend_id", backend.HasBackendId, backend.BackendId)
        ?? AddressRule.Required($"{field}.address", backend.Address);
}
