using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>
/// Reads one [clusters.NAME] table into add_cluster, then its frontends' requests, then add_backend
/// for each backend.
/// </summary>
internal static class ClusterReader
{
    private static readonly string[] CommonKeys = ["protocol", "frontends", "backends", "load_balancing", "load_metric", "queue_timeout", HealthCheckReader.Key, .. PerIpLimitReader.Keys];

    /// <summary>A day, the protocol's bound for every timeout.</summary>
    private const int MaxQueueTimeout = 86_400;

    private static readonly string[] HttpOnlyKeys =
        ["sticky_session", "http2", "https_redirect", "https_redirect_port", "answer_503", HttpAnswersReader.AnswersKey, BalancingHeaderKey, "authorized_hashes", "www_authenticate"];

    /// <summary>Torii's own: the request header keying HRW and MAGLEV (Cluster field 230).</summary>
    private const string BalancingHeaderKey = "load_balancing_header";

    public static List<ConfigRequest> Read(
        string clusterId,
        ConfigSection section,
        IReadOnlyList<DeclaredListener> listeners,
        ConfigFileReader files)
    {
        if (string.IsNullOrWhiteSpace(clusterId))
        {
            throw new ConfigException(section.Position, "a cluster name must not be empty");
        }

        var protocol = ConfigChoices.ClusterProtocol.Read(section, "protocol")
            ?? throw new ConfigException(section.Position, $"{section.Description} is missing the required key 'protocol' (\"http\" or \"tcp\")");
        var cluster = new Cluster
        {
            ClusterId = clusterId,
            LoadBalancing = ConfigChoices.LoadBalancing.Read(section, "load_balancing") ?? LoadBalancingAlgorithms.RoundRobin,
        };
        if (ConfigChoices.LoadMetric.Read(section, "load_metric") is { } loadMetric)
        {
            cluster.LoadMetric = loadMetric;
        }

        if (section.Int32("queue_timeout", 0, MaxQueueTimeout) is { } queueTimeout)
        {
            cluster.QueueTimeout = (uint)queueTimeout;
        }

        PerIpLimitReader.ReadCluster(cluster, section);
        var requests = new List<ConfigRequest> { new(new Request { AddCluster = cluster }, section.Position) };
        var frontends = section.Sections("frontends", index => $"frontend #{index + 1} of cluster '{clusterId}'");
        if (protocol == ListenerType.Http)
        {
            section.CheckKeys([.. CommonKeys, .. HttpOnlyKeys], new Dictionary<string, string> { ["send_proxy"] = "the PROXY protocol is sent by tcp clusters only" });
            ReadHttpSettings(cluster, section, files);
            foreach (var frontend in frontends)
            {
                requests.AddRange(HttpFrontendReader.Read(clusterId, frontend, listeners, files));
            }
        }
        else
        {
            section.CheckKeys([.. CommonKeys, "send_proxy"], HttpOnlyKeys.ToDictionary(key => key, _ => "tcp clusters do not speak HTTP"));
            var tcpFrontends = frontends.Select(frontend => TcpFrontendReader.Read(clusterId, frontend, listeners)).ToList();
            requests.AddRange(tcpFrontends.Select(frontend => frontend.Request));
            SetProxyProtocol(cluster, section, tcpFrontends.Select(frontend => frontend.Listener).ToList());
        }

        requests.AddRange(ReadBackends(clusterId, section));
        if (HealthCheckReader.Read(clusterId, section, files) is { } healthCheck)
        {
            requests.Add(healthCheck);
        }

        return requests;
    }

    private static void ReadHttpSettings(Cluster cluster, ConfigSection section, ConfigFileReader files)
    {
        cluster.StickySession = section.Bool("sticky_session") ?? false;
        cluster.HttpsRedirect = section.Bool("https_redirect") ?? false;
        if (section.Bool("http2") is { } http2)
        {
            cluster.Http2 = http2;
        }
        if (section.Int32("https_redirect_port", 1, 65535) is { } port)
        {
            cluster.HttpsRedirectPort = (uint)port;
        }

        if (files.ReadText(section, "answer_503") is { } answer503)
        {
            cluster.Answer503 = answer503;
        }

        HttpAnswersReader.ReadAnswerMap(section, files, cluster.Answers);
        if (section.NonEmptyString(BalancingHeaderKey) is { } header)
        {
            cluster.LoadBalancingHeader = header;
        }

        cluster.AuthorizedHashes.AddRange(section.StringList("authorized_hashes")?.Select(item => item.Value) ?? []);
        if (section.String("www_authenticate") is { } realm)
        {
            cluster.WwwAuthenticate = realm;
        }
    }

    /// <summary>
    /// As in Sōzu: sending a PROXY header from a cluster whose listeners expect one relays it, expecting
    /// alone only consumes it, and a cluster cannot mix listeners that expect it with ones that do not.
    /// </summary>
    private static void SetProxyProtocol(Cluster cluster, ConfigSection section, List<DeclaredListener> listeners)
    {
        var expects = listeners.Select(listener => listener.ExpectProxy).Distinct().ToList();
        if (expects.Count > 1)
        {
            throw new ConfigException(
                section.Position,
                $"{section.Description} has frontends on listeners that expect a PROXY protocol header and on listeners that do not; use one kind per cluster");
        }

        var expect = expects is [true];
        var send = section.Bool("send_proxy") ?? false;
        ProxyProtocolConfig? mode = (send, expect) switch
        {
            (true, true) => ProxyProtocolConfig.RelayHeader,
            (true, false) => ProxyProtocolConfig.SendHeader,
            (false, true) => ProxyProtocolConfig.ExpectHeader,
            _ => null,
        };
        if (mode is { } value)
        {
            cluster.ProxyProtocol = value;
        }
    }

    private static IEnumerable<ConfigRequest> ReadBackends(string clusterId, ConfigSection section)
    {
        var backendIds = new HashSet<string>(StringComparer.Ordinal);
        var backends = section.Sections("backends", index => $"backend #{index + 1} of cluster '{clusterId}'");
        for (var index = 0; index < backends.Count; index++)
        {
            var backend = BackendReader.Read(clusterId, index, backends[index]);
            if (!backendIds.Add(backend.BackendId))
            {
                throw new ConfigException(
                    backends[index].Has("backend_id") ? backends[index].ValuePosition("backend_id") : backends[index].Position,
                    $"backend id '{backend.BackendId}' is used twice in cluster '{clusterId}'");
            }

            yield return new ConfigRequest(new Request { AddBackend = backend }, backends[index].Position);
        }
    }
}
