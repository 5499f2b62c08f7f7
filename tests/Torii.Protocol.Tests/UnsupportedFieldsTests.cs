namespace Torii.Protocol.Tests;

/// <summary>
/// A Sōzu 2.1 field Torii does not carry out is refused by name; the same field set to the
/// value that means "off" (what Sōzu's producers send by default) is accepted.
/// </summary>
public sealed class UnsupportedFieldsTests
{
    private static readonly Dictionary<string, (Func<Request> Build, string Field)> Refused = new()
    {
        ["cluster udp"] = (() => Cluster(c => c.Udp = new Unsupported()), "Cluster.udp"),
        ["cluster load metric"] = (() => Cluster(c => c.LoadMetric = LoadMetric.ConnectionTime), "Cluster.load_metric = CONNECTION_TIME"),
        ["frontend position"] = (() => Frontend(f => f.Position = RulePosition.Pre), "RequestHttpFrontend.position = PRE"),
        ["http listener h2 table size"] = (() => HttpListener(l => l.H2MaxHeaderTableSize = 65536), "HttpListenerConfig.h2_max_header_table_size"),
        ["https listener sigalgs"] = (() => HttpsListener(l => l.SignatureAlgorithms.Add("ECDSA+SHA256")), "HttpsListenerConfig.signature_algorithms"),
        ["https listener groups"] = (() => HttpsListener(l => l.GroupsList.Add("x25519")), "HttpsListenerConfig.groups_list"),
        ["https listener tickets"] = (() => HttpsListener(l => l.SendTls13Tickets = 8), "HttpsListenerConfig.send_tls13_tickets"),
        ["https listener strict sni"] = (() => HttpsListener(l => l.StrictSniBinding = true), "HttpsListenerConfig.strict_sni_binding"),
        ["https listener no http/1.1"] = (() => HttpsListener(l => l.DisableHttp11 = true), "HttpsListenerConfig.disable_http11"),
        ["https listener other alpn"] = (() => HttpsListener(l => l.AlpnProtocols.Add("h3")), "HttpsListenerConfig.alpn_protocols"),
        ["https listener h2 shrink"] = (() => HttpsListener(l => l.H2StreamShrinkRatio = 2), "HttpsListenerConfig.h2_stream_shrink_ratio"),
        ["http update h2 lifetime"] = (() => new Request { UpdateHttpListener = new UpdateHttpListenerConfig { Address = SampleRequests.Address("127.0.0.1:80"), H2MaxRstStreamLifetime = 5 } }, "UpdateHttpListenerConfig.h2_max_rst_stream_lifetime"),
        ["https update alpn"] = (() => new Request { UpdateHttpsListener = new UpdateHttpsListenerConfig { Address = SampleRequests.Address("127.0.0.1:443"), AlpnProtocols = new AlpnProtocols() } }, "UpdateHttpsListenerConfig.alpn_protocols"),
    };

    private static readonly Dictionary<string, Func<Request>> Accepted = new()
    {
        ["cluster http2 off"] = () => Cluster(c => c.Http2 = false),
        ["cluster http2 on"] = () => Cluster(c => c.Http2 = true),
        ["cluster counts connections"] = () => Cluster(c => c.LoadMetric = LoadMetric.Connections),
        ["cluster sends the proxy header"] = () => Cluster(c => c.ProxyProtocol = ProxyProtocolConfig.SendHeader),
        ["frontend defaults"] = () => Frontend(f =>
        {
            f.Position = RulePosition.Tree;
            f.Redirect = RedirectPolicy.Forward;
            f.RequiredAuth = false;
            f.RedirectScheme = RedirectScheme.UseSame;
        }),
        ["listener switches off"] = () => HttpListener(l =>
        {
            l.ExpectProxy = false;
            l.SendXRealIp = false;
            l.ElideXRealIp = false;
        }),
        ["https listener with what a Sozu producer fills in"] = () => HttpsListener(l =>
        {
            l.CipherList.Add(["TLS13_AES_256_GCM_SHA384", "TLS13_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]);
            l.SignatureAlgorithms.Add(["ECDSA+SHA256", "ECDSA+SHA384", "ECDSA+SHA512", "RSA+SHA256", "RSA+SHA384", "RSA+SHA512", "RSA-PSS+SHA256", "RSA-PSS+SHA384", "RSA-PSS+SHA512"]);
            l.GroupsList.Add(["X25519MLKEM768", "x25519", "P-256", "P-384"]);
            l.SendTls13Tickets = 4;
        }),
        ["https listener h2 limits"] = () => HttpsListener(l =>
        {
            l.H2MaxConcurrentStreams = 100;
            l.H2MaxHeaderListSize = 16384;
        }),
        ["https listener h2 and http/1.1"] = () => HttpsListener(l =>
        {
            l.AlpnProtocols.Add(["h2", "http/1.1"]);
            l.StrictSniBinding = false;
            l.DisableHttp11 = false;
        }),
    };

    public static TheoryData<string> RefusedCases() => new(Refused.Keys);

    public static TheoryData<string> AcceptedCases() => new(Accepted.Keys);

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public void A_field_Torii_does_not_carry_out_is_refused_by_name(string name)
    {
        (Func<Request> build, string field) = Refused[name];

        string? reason = RequestValidator.Validate(build());

        Assert.NotNull(reason);
        Assert.StartsWith($"unsupported field {field}", reason);
    }

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public void The_same_field_set_to_its_off_value_is_accepted(string name)
    {
        Assert.Null(RequestValidator.Validate(Accepted[name]()));
    }

    private static Request Cluster(Action<Cluster> change)
    {
        Cluster cluster = SampleRequests.Cluster();
        change(cluster);
        return new Request { AddCluster = cluster };
    }

    private static Request Frontend(Action<RequestHttpFrontend> change)
    {
        RequestHttpFrontend frontend = SampleRequests.HttpFrontend();
        change(frontend);
        return new Request { AddHttpFrontend = frontend };
    }

    private static Request HttpListener(Action<HttpListenerConfig> change)
    {
        var listener = new HttpListenerConfig { Address = SampleRequests.Address("127.0.0.1:8080") };
        change(listener);
        return new Request { AddHttpListener = listener };
    }

    private static Request HttpsListener(Action<HttpsListenerConfig> change)
    {
        var listener = new HttpsListenerConfig { Address = SampleRequests.Address("127.0.0.1:8443") };
        change(listener);
        return new Request { AddHttpsListener = listener };
    }
}
