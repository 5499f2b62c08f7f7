namespace Torii.Protocol.Tests.Json;

/// <summary>
/// Requests of the types a state file holds with a random subset of their fields set, every field of those types
/// among the candidates: strings with characters that need escaping, enums out of their range, extreme numbers.
/// </summary>
internal sealed class RandomRequests(int seed)
{
    private static readonly string[] Fragments =
        ["app", "c1", "example.com", "", " ", "\"", "\\", "\n", "\r\t", "<a&b>", "='`", "é", "日本", "😀", "\u0001", "\u007f", "\u2028", "/api/v1", "%20"];

    private readonly Random _random = new(seed);

    public Request Next() => _random.Next(10) switch
    {
        0 => new Request { AddCluster = Cluster() },
        1 => new Request { AddHttpFrontend = HttpFrontend() },
        2 => new Request { AddHttpsFrontend = HttpFrontend() },
        3 => new Request { AddTcpFrontend = TcpFrontend() },
        4 => new Request { AddBackend = Backend() },
        5 => new Request { RemoveBackend = new RemoveBackend { ClusterId = Text(), BackendId = Text(), Address = Address() } },
        6 => new Request { RemoveHttpFrontend = HttpFrontend() },
        7 => new Request { RemoveHttpsFrontend = HttpFrontend() },
        8 => new Request { RemoveTcpFrontend = TcpFrontend() },
        _ => new Request { RemoveCluster = Text() },
    };

    /// <summary>Plain: printable ASCII only, which the fast writer writes itself; otherwise any fragment.</summary>
    public bool PlainOnly { get; set; }

    private bool Maybe() => _random.Next(2) == 0;

    private string Text()
    {
        if (PlainOnly)
        {
            return new[] { "app", "c1", "example.com", "", "/api/v1", "%20", "x y" }[_random.Next(7)];
        }

        return string.Concat(Enumerable.Range(0, _random.Next(4)).Select(_ => Fragments[_random.Next(Fragments.Length)]));
    }

    private uint UInt32() => _random.Next(4) switch { 0 => 0, 1 => uint.MaxValue, _ => (uint)_random.Next() };

    private ulong UInt64() => _random.Next(3) switch { 0 => 0, 1 => ulong.MaxValue, _ => (ulong)_random.NextInt64() };

    /// <summary>A declared value mostly; sometimes a number the enum does not declare, which is written as a number.</summary>
    private T Enum<T>()
        where T : struct, System.Enum
    {
        T[] values = System.Enum.GetValues<T>();
        return !PlainOnly && _random.Next(8) == 0 ? (T)System.Enum.ToObject(typeof(T), 1000) : values[_random.Next(values.Length)];
    }

    private Cluster Cluster()
    {
        var cluster = new Cluster();
        if (Maybe()) cluster.ClusterId = Text();
        if (Maybe()) cluster.StickySession = Maybe();
        if (Maybe()) cluster.HttpsRedirect = Maybe();
        if (Maybe()) cluster.ProxyProtocol = Enum<ProxyProtocolConfig>();
        if (Maybe()) cluster.LoadBalancing = Enum<LoadBalancingAlgorithms>();
        if (Maybe()) cluster.Answer503 = Text();
        if (Maybe()) cluster.LoadMetric = Enum<LoadMetric>();
        if (Maybe()) cluster.Http2 = Maybe();
        if (Maybe()) cluster.Answers.Add("503", Text());
        if (Maybe()) cluster.Answers.Add("404" + Text(), Text());
        if (Maybe()) cluster.HttpsRedirectPort = UInt32();
        if (Maybe()) cluster.AuthorizedHashes.Add(Text());
        if (Maybe()) cluster.AuthorizedHashes.Add(Text());
        if (Maybe()) cluster.WwwAuthenticate = Text();
        if (Maybe()) cluster.MaxConnectionsPerIp = UInt64();
        if (Maybe()) cluster.RetryAfter = UInt32();
        if (Maybe()) cluster.HealthCheck = HealthCheck();
        if (Maybe()) cluster.QueueTimeout = UInt32();
        if (Maybe()) cluster.LoadBalancingHeader = Text();
        return cluster;
    }

    private HealthCheckConfig HealthCheck()
    {
        var check = new HealthCheckConfig();
        if (Maybe()) check.Uri = Text();
        if (Maybe()) check.Interval = UInt32();
        if (Maybe()) check.Timeout = UInt32();
        if (Maybe()) check.HealthyThreshold = UInt32();
        if (Maybe()) check.UnhealthyThreshold = UInt32();
        if (Maybe()) check.ExpectedStatus = UInt32();
        if (Maybe()) check.Kind = Enum<HealthCheckKind>();
        if (Maybe()) check.Host = Text();
        if (Maybe()) check.Method = Text();
        if (Maybe()) check.Role = Enum<PostgresRole>();
        if (Maybe()) check.User = Text();
        if (Maybe()) check.Database = Text();
        if (Maybe()) check.Password = Text();
        if (Maybe()) check.PasswordFile = Text();
        if (Maybe()) check.FailOpen = Maybe();
        return check;
    }

    private RequestHttpFrontend HttpFrontend()
    {
        var frontend = new RequestHttpFrontend();
        if (Maybe()) frontend.ClusterId = Text();
        if (Maybe()) frontend.Address = Address();
        if (Maybe()) frontend.Hostname = Text();
        if (Maybe()) frontend.Path = Path();
        if (Maybe()) frontend.Method = Text();
        if (Maybe()) frontend.Position = Enum<RulePosition>();
        if (Maybe()) frontend.Tags.Add("owner", Text());
        if (Maybe()) frontend.Tags.Add("id" + Text(), Text());
        if (Maybe()) frontend.Redirect = Enum<RedirectPolicy>();
        if (Maybe()) frontend.RequiredAuth = Maybe();
        if (Maybe()) frontend.RedirectScheme = Enum<RedirectScheme>();
        if (Maybe()) frontend.RedirectTemplate = Text();
        if (Maybe()) frontend.RewriteHost = Text();
        if (Maybe()) frontend.RewritePath = Text();
        if (Maybe()) frontend.RewritePort = UInt32();
        if (Maybe()) frontend.Headers.Add(Header());
        if (Maybe()) frontend.Headers.Add(Header());
        if (Maybe()) frontend.Hsts = Hsts();
        return frontend;
    }

    private Header Header()
    {
        var header = new Header();
        if (Maybe()) header.Position = Enum<HeaderPosition>();
        if (Maybe()) header.Key = Text();
        if (Maybe()) header.Val = Text();
        return header;
    }

    private HstsConfig Hsts()
    {
        var hsts = new HstsConfig();
        if (Maybe()) hsts.Enabled = Maybe();
        if (Maybe()) hsts.MaxAge = UInt32();
        if (Maybe()) hsts.IncludeSubdomains = Maybe();
        if (Maybe()) hsts.Preload = Maybe();
        if (Maybe()) hsts.ForceReplaceBackend = Maybe();
        return hsts;
    }

    private PathRule Path()
    {
        var path = new PathRule();
        if (Maybe()) path.Kind = Enum<PathRuleKind>();
        if (Maybe()) path.Value = Text();
        return path;
    }

    private RequestTcpFrontend TcpFrontend()
    {
        var frontend = new RequestTcpFrontend();
        if (Maybe()) frontend.ClusterId = Text();
        if (Maybe()) frontend.Address = Address();
        if (Maybe()) frontend.Tags.Add("owner", Text());
        return frontend;
    }

    private AddBackend Backend()
    {
        var backend = new AddBackend();
        if (Maybe()) backend.ClusterId = Text();
        if (Maybe()) backend.BackendId = Text();
        if (Maybe()) backend.Address = Address();
        if (Maybe()) backend.StickyId = Text();
        if (Maybe()) backend.LoadBalancingParameters = Maybe() ? new LoadBalancingParams() : new LoadBalancingParams { Weight = _random.Next(3) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => _random.Next(-5, 100) } };
        if (Maybe()) backend.Backup = Maybe();
        if (Maybe()) backend.MaxConnections = UInt32();
        return backend;
    }

    private SocketAddress Address()
    {
        var address = new SocketAddress();
        if (Maybe()) address.Port = UInt32();
        switch (_random.Next(3))
        {
            case 0:
                address.Ip = new IpAddress { V4 = UInt32() };
                break;
            case 1:
                var v6 = new Uint128();
                if (Maybe()) v6.Low = UInt64();
                if (Maybe()) v6.High = UInt64();
                address.Ip = new IpAddress { V6 = v6 };
                break;
        }

        return address;
    }
}
