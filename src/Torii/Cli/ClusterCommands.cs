using System.CommandLine;
using Torii.Protocol;

namespace Torii.Cli;

/// <summary>`torii cluster add|remove|list|health-check`.</summary>
internal static class ClusterCommands
{
    private static readonly Dictionary<string, LoadBalancingAlgorithms> Algorithms = new(StringComparer.Ordinal)
    {
        ["round_robin"] = LoadBalancingAlgorithms.RoundRobin,
        ["random"] = LoadBalancingAlgorithms.Random,
        ["least_loaded"] = LoadBalancingAlgorithms.LeastLoaded,
        ["power_of_two"] = LoadBalancingAlgorithms.PowerOfTwo,
        ["hrw"] = LoadBalancingAlgorithms.Hrw,
        ["maglev"] = LoadBalancingAlgorithms.Maglev,
    };

    public static Command Create(CommonOptions common) =>
        new("cluster", "Add, remove and list clusters")
        {
            CreateAdd(common),
            CreateRemove(common),
            CreateList(common),
            HealthCheckCommands.Create(common),
        };

    private static RequestCommand CreateAdd(CommonOptions common)
    {
        var id = ClusterIdOption();
        var stickySession = new Option<bool>("--sticky-session") { Description = "Send a client back to the backend it was given, by cookie" };
        var httpsRedirect = new Option<bool>("--https-redirect") { Description = "Redirect plain HTTP requests to HTTPS" };
        var http2 = new Option<bool>("--http2") { Description = "Speak HTTP/2 over cleartext (h2c) to the backends, for gRPC" };
        var loadBalancing = new Option<string>("--load-balancing")
        {
            Description = "How requests are spread over the backends",
            DefaultValueFactory = _ => "round_robin",
        };
        loadBalancing.AcceptOnlyFromAmong([.. Algorithms.Keys]);
        var balancingHeader = new Option<string?>("--load-balancing-header")
        {
            Description = "Request header whose value keys hrw and maglev (default: the client address)",
            HelpName = "HEADER",
        };
        var sendProxy = new Option<bool>("--send-proxy") { Description = "Send a PROXY protocol v2 header to the backends (TCP)" };
        var queueTimeout = new Option<int?>("--queue-timeout")
        {
            Description = $"Seconds a request or connection waits for a backend slot when every backend is at its max-connections, 0..{OptionValues.MaxQueueTimeoutSeconds} (default: the listener's connect timeout)",
            HelpName = "SECONDS",
        };

        var maxPerIp = new Option<int?>("--max-connections-per-ip")
        {
            Description = $"Connections one client IP may hold open to this cluster, 0..{OptionValues.MaxBackendConnections} (0: unlimited; default: the global limit)",
            HelpName = "N",
        };
        var retryAfter = new Option<int?>("--retry-after")
        {
            Description = $"Seconds in the Retry-After of a 429 at that limit, 0..{OptionValues.MaxQueueTimeoutSeconds} (0: no header; default: the global retry_after)",
            HelpName = "SECONDS",
        };
        var authorizedHashes = new Option<string[]>("--authorized-hash")
        {
            Description = "A Basic credential for required-auth frontends: USER:hex(sha256(PASSWORD)); repeatable",
            HelpName = "USER:SHA256",
        };
        var wwwAuthenticate = new Option<string?>("--www-authenticate") { Description = "Realm of the 401's WWW-Authenticate: Basic challenge", HelpName = "REALM" };

        return new RequestCommand("add", "Add a cluster, or update the one with this id", common, parseResult =>
        {
            var cluster = new Cluster
            {
                ClusterId = parseResult.GetRequiredValue(id),
                StickySession = parseResult.GetValue(stickySession),
                HttpsRedirect = parseResult.GetValue(httpsRedirect),
                Http2 = parseResult.GetValue(http2),
                LoadBalancing = Algorithms[parseResult.GetRequiredValue(loadBalancing)],
            };
            if (parseResult.GetValue(balancingHeader) is { } header)
            {
                cluster.LoadBalancingHeader = header;
            }

            if (parseResult.GetValue(sendProxy))
            {
                cluster.ProxyProtocol = ProxyProtocolConfig.SendHeader;
            }

            if (OptionValues.Bounded(parseResult, queueTimeout, 0, OptionValues.MaxQueueTimeoutSeconds, "seconds; 0: no waiting") is { } seconds)
            {
                cluster.QueueTimeout = seconds;
            }

            if (OptionValues.Bounded(parseResult, maxPerIp, 0, OptionValues.MaxBackendConnections, "0: unlimited") is { } limit)
            {
                cluster.MaxConnectionsPerIp = limit;
            }

            if (OptionValues.Bounded(parseResult, retryAfter, 0, OptionValues.MaxQueueTimeoutSeconds, "seconds; 0: no header") is { } after)
            {
                cluster.RetryAfter = after;
            }

            cluster.AuthorizedHashes.AddRange(parseResult.GetValue(authorizedHashes) ?? []);
            if (parseResult.GetValue(wwwAuthenticate) is { } realm)
            {
                cluster.WwwAuthenticate = realm;
            }

            return [new Request { AddCluster = cluster }];
        })
        {
            id, stickySession, httpsRedirect, http2, loadBalancing, balancingHeader, sendProxy, queueTimeout, maxPerIp, retryAfter, authorizedHashes, wwwAuthenticate,
        };
    }

    private static RequestCommand CreateRemove(CommonOptions common)
    {
        var id = ClusterIdOption();
        return new RequestCommand("remove", "Remove a cluster with its backends and frontends", common, parseResult =>
            [new Request { RemoveCluster = parseResult.GetRequiredValue(id) }])
        {
            id,
        };
    }

    private static RequestCommand CreateList(CommonOptions common)
    {
        var id = new Option<string?>("--id") { Description = "Show the cluster with this id", HelpName = "CLUSTER" };
        var domain = new Option<string?>("--domain")
        {
            Description = "Show the clusters serving this hostname (optionally followed by a path)",
            HelpName = "HOST[/PATH]",
        };

        return new RequestCommand("list", "List the clusters' ids and hashes, or show clusters in detail", common, parseResult =>
        {
            string? clusterId = parseResult.GetValue(id);
            string? hostAndPath = parseResult.GetValue(domain);
            if (clusterId is not null && hostAndPath is not null)
            {
                throw new CommandLineException("--id and --domain cannot be used together");
            }

            if (clusterId is not null)
            {
                return [new Request { QueryClusterById = clusterId }];
            }

            return hostAndPath is null
                ? [new Request { QueryClustersHashes = new QueryClustersHashes() }]
                : [new Request { QueryClustersByDomain = DomainQuery(hostAndPath) }];
        })
        {
            id, domain,
        };
    }

    private static QueryClusterByDomain DomainQuery(string hostAndPath)
    {
        int slash = hostAndPath.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new QueryClusterByDomain { Hostname = hostAndPath };
        }

        return new QueryClusterByDomain { Hostname = hostAndPath[..slash], Path = hostAndPath[slash..] };
    }

    private static Option<string> ClusterIdOption() =>
        new("--id") { Description = "The cluster id", HelpName = "CLUSTER", Required = true };
}
