namespace Torii.Protocol;

internal static class ClusterRules
{
    public static string? Check(FieldPath field, Cluster cluster) =>
        IdentifierRule.Required($"{field}.cluster_id", cluster.HasClusterId, cluster.ClusterId)
        ?? NumberRules.DefinedEnum($"{field}.proxy_protocol", cluster.HasProxyProtocol, cluster.ProxyProtocol)
        ?? NumberRules.DefinedEnum($"{field}.load_balancing", cluster.HasLoadBalancing, cluster.LoadBalancing)
        ?? NumberRules.DefinedEnum($"{field}.load_metric", cluster.HasLoadMetric, cluster.LoadMetric)
        ?? (cluster.HasHttpsRedirectPort ? PortRule.Check($"{field}.https_redirect_port", cluster.HttpsRedirectPort) : null)
        ?? NumberRules.QueueTimeout($"{field}.queue_timeout", cluster.HasQueueTimeout, cluster.QueueTimeout)
        ?? PerIpLimitRules.Limit($"{field}.max_connections_per_ip", cluster.HasMaxConnectionsPerIp, cluster.MaxConnectionsPerIp)
        ?? PerIpLimitRules.RetryAfter($"{field}.retry_after", cluster.HasRetryAfter, cluster.RetryAfter)
        ?? HttpTokenRule.Optional($"{field}.load_balancing_header", cluster.HasLoadBalancingHeader, cluster.LoadBalancingHeader)
        ?? TextRules.Answers($"{field}.answers", cluster.Answers)
        ?? AuthRules.Check(field, cluster)
        ?? (cluster.HealthCheck is { } healthCheck ? HealthCheckRules.Check($"{field}.health_check", healthCheck) : null);
}
