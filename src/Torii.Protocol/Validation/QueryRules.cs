namespace Torii.Protocol;

internal static class QueryRules
{
    private const int MaxDomainFilterLength = HostnameRule.MaxLength;

    public static string? CheckFrontendFilters(FieldPath field, FrontendFilters filters) =>
        TextRules.Plain($"{field}.domain", filters.HasDomain, filters.Domain, MaxDomainFilterLength);

    public static string? CheckClustersByDomain(FieldPath field, QueryClusterByDomain query)
    {
        string? problem = HostnameRule.Required($"{field}.hostname", query.HasHostname, query.Hostname);
        if (problem is not null || !query.HasPath)
        {
            return problem;
        }

        if (query.Path.Length > PathMatchRule.MaxLength)
        {
            return $"{field}.path is longer than {PathMatchRule.MaxLength} characters";
        }

        return query.Path.Length > 0 && query.Path[0] != '/'
            ? $"{field}.path {ValidationText.Quote(query.Path)} must start with '/'"
            : TextRules.Plain($"{field}.path", true, query.Path, PathMatchRule.MaxLength);
    }

    public static string? CheckMetrics(FieldPath field, QueryMetricsOptions options)
    {
        foreach (string clusterId in options.ClusterIds)
        {
            string? problem = IdentifierRule.Check($"{field}.cluster_ids", clusterId);
            if (problem is not null)
            {
                return problem;
            }
        }

        foreach (string backendId in options.BackendIds)
        {
            string? problem = IdentifierRule.Check($"{field}.backend_ids", backendId);
            if (problem is not null)
            {
                return problem;
            }
        }

        foreach (string metricName in options.MetricNames)
        {
            string? problem = IdentifierRule.Check($"{field}.metric_names", metricName);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }
}
