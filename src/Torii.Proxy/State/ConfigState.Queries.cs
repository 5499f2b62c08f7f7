using System.Buffers;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Torii.Protocol;

namespace Torii.Proxy.State;

public sealed partial class ConfigState
{
    public ListedFrontends ListFrontends(FrontendFilters? filters)
    {
        var all = filters is null || (!filters.Http && !filters.Https && !filters.Tcp);
        var domain = filters is { HasDomain: true } ? filters.Domain : null;
        var listed = new ListedFrontends();
        if (all || filters!.Http)
        {
            listed.HttpFrontends.AddRange(_httpFrontends.Values.Where(f => domain is null || f.Hostname.Contains(domain, StringComparison.OrdinalIgnoreCase)));
        }

        if (all || filters!.Https)
        {
            listed.HttpsFrontends.AddRange(_httpsFrontends.Values.Where(f => domain is null || f.Hostname.Contains(domain, StringComparison.OrdinalIgnoreCase)));
        }

        if (domain is null && (all || filters!.Tcp))
        {
            listed.TcpFrontends.AddRange(_tcpFrontends.Values);
        }

        return listed;
    }

    public ClusterInformations QueryClusterById(string clusterId)
    {
        RequireCluster(clusterId);
        return new ClusterInformations { Vec = { WithHealth(InformationOf(clusterId)) } };
    }

    public ClusterInformations QueryClustersByDomain(QueryClusterByDomain query)
    {
        var hostname = query.Hostname.ToLowerInvariant();
        var path = query.HasPath ? query.Path : null;
        var clusterIds = _httpFrontends.Values.Concat(_httpsFrontends.Values)
            .Where(f => f.HasClusterId && f.Hostname.Equals(hostname, StringComparison.OrdinalIgnoreCase) && (path is null || PathMatches(f.Path, path)))
            .Select(f => f.ClusterId)
            .Distinct(StringComparer.Ordinal);
        var informations = new ClusterInformations();
        informations.Vec.AddRange(clusterIds.Select(clusterId => WithHealth(InformationOf(clusterId))));
        return informations;
    }

    public ClusterHashes QueryClustersHashes()
    {
        // Cached until the cluster changes: listing 100,000 clusters serialises only those that did.
        var unhashed = _clusters.Values.Where(entry => entry.Hash is null).ToList();
        if (unhashed.Count >= ParallelHashingClusters)
        {
            Parallel.ForEach(Partitioner.Create(0, unhashed.Count, ParallelHashingClusters / 4), range => Hash(unhashed, range.Item1, range.Item2));
        }
        else
        {
            Hash(unhashed, 0, unhashed.Count);
        }

        var hashes = new ClusterHashes();
        foreach (var (clusterId, entry) in _clusters)
        {
            hashes.Map[clusterId] = entry.Hash!.Value;
        }

        return hashes;
    }

    /// <summary>
    /// From this many clusters to hash, they are hashed on every core: the first listing after a load of 100,000
    /// clusters serialises each of them, 0.4 s of CPU on one core (bench/run.sh scenario s). The state does not
    /// change meanwhile (the dispatcher's gate is held) and each cluster's hash is written by one thread only.
    /// </summary>
    private const int ParallelHashingClusters = 4096;

    private static void Hash(List<ClusterEntry> clusters, int from, int to)
    {
        // One message and one buffer for a whole range: a message and an array per cluster showed in scenario s.
        var information = new ClusterInformation();
        var bytes = new ArrayBufferWriter<byte>(1024);
        for (var i = from; i < to; i++)
        {
            clusters[i].Hash = HashOf(clusters[i], information, bytes);
        }
    }

    /// <summary>The state as the requests that rebuild it, in an order that replays cleanly.</summary>
    public IEnumerable<Request> GenerateRequests() => GenerateRequests(copies: true);

    /// <summary>
    /// The same requests for writing out at once (state save, the journal): they wrap the state's own
    /// frontend messages instead of copies (200,000 copies at 100,000 clusters), so they must neither be
    /// kept nor changed. Backends are given back as new requests either way (the state keeps no message of theirs).
    /// </summary>
    public IEnumerable<Request> RequestsToWrite() => GenerateRequests(copies: false);

    private IEnumerable<Request> GenerateRequests(bool copies)
    {
        foreach (var request in PerIpLimitRequests())
        {
            yield return request;
        }

        foreach (var (_, entry) in _listeners)
        {
            yield return entry.Config switch
            {
                HttpListenerConfig http => new Request { AddHttpListener = http.Clone().WithActive(false) },
                HttpsListenerConfig https => new Request { AddHttpsListener = https.Clone().WithActive(false) },
                TcpListenerConfig tcp => new Request { AddTcpListener = tcp.Clone().WithActive(false) },
                _ => throw new InvalidOperationException($"unknown listener configuration {entry.Config.Descriptor.Name}"),
            };
        }

        foreach (var (address, entry) in _listeners.Where(pair => pair.Value.Active))
        {
            yield return new Request
            {
                ActivateListener = new ActivateListener { Address = SocketAddresses.ToProto(address), Proxy = TypeOf(entry.Protocol) },
            };
        }

        foreach (var request in CertificateRequests())
        {
            yield return request;
        }

        foreach (var (_, cluster) in _clusters)
        {
            // The check is replayed by its own request, last.
            var config = cluster.Config;
            if (copies || config.HealthCheck is not null)
            {
                config = config.Clone();
                config.HealthCheck = null;
            }

            yield return new Request { AddCluster = config };
        }

        foreach (var frontend in _httpFrontends.Values)
        {
            yield return new Request { AddHttpFrontend = Own(frontend) };
        }

        foreach (var frontend in _httpsFrontends.Values)
        {
            yield return new Request { AddHttpsFrontend = Own(frontend) };
        }

        foreach (var frontend in _tcpFrontends.Values)
        {
            yield return new Request { AddTcpFrontend = Own(frontend) };
        }

        foreach (var cluster in _clusters.Values)
        {
            var backends = cluster.Backends;
            for (var i = 0; i < backends.Count; i++)
            {
                yield return new Request { AddBackend = BackendRequests.RequestOf(backends.All[i]) };
            }
        }

        // Last, so that checking starts with every backend in place.
        foreach (var (clusterId, cluster) in _clusters.Where(pair => pair.Value.Config.HealthCheck is not null))
        {
            yield return new Request { SetHealthCheck = new SetHealthCheck { ClusterId = clusterId, Config = cluster.Config.HealthCheck.Clone() } };
        }

        // A copy for callers that keep the requests; the state's own message for those that only write them out.
        T Own<T>(T message)
            where T : IDeepCloneable<T> => copies ? message.Clone() : message;
    }

    private ClusterInformation InformationOf(string clusterId) => Fill(new ClusterInformation(), _clusters[clusterId]);

    /// <summary>Makes <paramref name="information"/> describe <paramref name="cluster"/>, replacing what it held.</summary>
    private static ClusterInformation Fill(ClusterInformation information, ClusterEntry cluster)
    {
        information.HttpFrontends.Clear();
        information.HttpsFrontends.Clear();
        information.TcpFrontends.Clear();
        information.Backends.Clear();
        information.Configuration = Redacted(cluster.Config);
        information.HttpFrontends.AddRange(cluster.HttpFrontends);
        information.HttpsFrontends.AddRange(cluster.HttpsFrontends);
        information.TcpFrontends.AddRange(cluster.TcpFrontends);
        foreach (var backend in cluster.Backends.All)
        {
            information.Backends.Add(BackendRequests.RequestOf(backend));
        }

        return information;
    }

    /// <summary>The hash of the cluster's information as serialised, built in the caller's reused message and buffer.</summary>
    private static ulong HashOf(ClusterEntry cluster, ClusterInformation information, ArrayBufferWriter<byte> bytes)
    {
        bytes.ResetWrittenCount();
        Fill(information, cluster).WriteTo(bytes);
        return Fnv1a64(bytes.WrittenSpan);
    }

    /// <summary>Live health is added to answers only: a cluster's hash changes with its configuration, not its backends' health.</summary>
    private ClusterInformation WithHealth(ClusterInformation information)
    {
        information.BackendHealth.AddRange(HealthOf(Snapshot.Clusters[information.Configuration.ClusterId]));
        return information;
    }

    private static bool PathMatches(PathRule? rule, string path)
    {
        if (rule is null)
        {
            return true;
        }

        return rule.Kind switch
        {
            PathRuleKind.Equals => rule.Value == path,
            PathRuleKind.Regex => Regex.IsMatch(path, rule.Value, RegexOptions.None, TimeSpan.FromMilliseconds(100)),
            _ => path.StartsWith(rule.Value, StringComparison.Ordinal),
        };
    }

    private static ListenerType TypeOf(Torii.Proxy.Listeners.ListenerProtocol protocol) => protocol switch
    {
        Torii.Proxy.Listeners.ListenerProtocol.Http => ListenerType.Http,
        Torii.Proxy.Listeners.ListenerProtocol.Https => ListenerType.Https,
        _ => ListenerType.Tcp,
    };

    private static ulong Fnv1a64(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
