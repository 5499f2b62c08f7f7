using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>Reads one [[listeners]] table into an add_http_listener, add_https_listener or add_tcp_listener request.</summary>
internal static class ListenerReader
{
    private const string HttpsOnly = "only https listeners take it";
    private const string NotForTcp = "tcp listeners do not speak HTTP";

    // Sōzu's cookie name, kept so sticky sessions survive a switch between the two proxies.
    private const string DefaultStickyName = "SOZUBALANCEID";

    private static readonly string[] CommonKeys =
        ["protocol", "address", "public_address", "expect_proxy", "front_timeout", "back_timeout", "connect_timeout"];

    private static readonly string[] HttpKeys =
        ["request_timeout", "sticky_name", "sozu_id_header", HttpAnswersReader.AnswersKey, .. HttpAnswersReader.Keys, .. RealIpReader.Keys, .. Http2KeysReader.Keys];

    private static readonly string[] TlsKeys =
        [.. CertificateReader.Keys, "cipher_list", "cipher_suites", "alpn_protocols", HstsReader.Key];

    private static readonly string[] AlpnProtocols = ["h2", "http/1.1"];

    public static (DeclaredListener Listener, Request Request) Read(
        ConfigSection section,
        ProxySettings settings,
        ConfigFileReader files)
    {
        var protocol = ConfigChoices.ListenerProtocol.Read(section, "protocol")
            ?? throw new ConfigException(section.Position, $"{section.Description} is missing the required key 'protocol' (\"http\", \"https\" or \"tcp\")");
        CheckKeys(section, protocol);

        var address = AddressReader.Required(section, "address");
        var expectProxy = section.Bool("expect_proxy") ?? false;
        var listener = new DeclaredListener(address, protocol, expectProxy, section.Position);
        var request = protocol switch
        {
            ListenerType.Http => new Request { AddHttpListener = ReadHttp(section, listener, settings, files) },
            ListenerType.Https => new Request { AddHttpsListener = ReadHttps(section, listener, settings, files) },
            _ => new Request { AddTcpListener = ReadTcp(section, listener, settings) },
        };
        return (listener, request);
    }

    private static void CheckKeys(ConfigSection section, ListenerType protocol)
    {
        switch (protocol)
        {
            case ListenerType.Http:
                section.CheckKeys([.. CommonKeys, .. HttpKeys], TlsKeys.ToDictionary(key => key, _ => HttpsOnly));
                break;
            case ListenerType.Https:
                section.CheckKeys([.. CommonKeys, .. HttpKeys, .. TlsKeys]);
                break;
            default:
                var misplaced = HttpKeys.ToDictionary(key => key, _ => NotForTcp);
                foreach (var key in TlsKeys)
                {
                    misplaced[key] = HttpsOnly;
                }

                section.CheckKeys(CommonKeys, misplaced);
                break;
        }
    }

    private static HttpListenerConfig ReadHttp(ConfigSection section, DeclaredListener listener, ProxySettings settings, ConfigFileReader files)
    {
        var config = new HttpListenerConfig
        {
            Address = SocketAddressText.ToProto(listener.Address),
            PublicAddress = ReadPublicAddress(section),
            ExpectProxy = listener.ExpectProxy,
            StickyName = section.NonEmptyString("sticky_name") ?? DefaultStickyName,
            FrontTimeout = Timeout(section, "front_timeout", settings.FrontTimeout),
            BackTimeout = Timeout(section, "back_timeout", settings.BackTimeout),
            ConnectTimeout = Timeout(section, "connect_timeout", settings.ConnectTimeout),
            RequestTimeout = Timeout(section, "request_timeout", settings.RequestTimeout),
            HttpAnswers = HttpAnswersReader.ReadCustomAnswers(section, files),
        };
        HttpAnswersReader.ReadAnswerMap(section, files, config.Answers);
        if (section.NonEmptyString("sozu_id_header") is { } idHeader)
        {
            config.SozuIdHeader = idHeader;
        }

        RealIpReader.Read(section, value => config.SendXRealIp = value, value => config.ElideXRealIp = value);
        Http2KeysReader.Read(section, config);
        return config;
    }

    private static HttpsListenerConfig ReadHttps(ConfigSection section, DeclaredListener listener, ProxySettings settings, ConfigFileReader files)
    {
        var config = new HttpsListenerConfig
        {
            Address = SocketAddressText.ToProto(listener.Address),
            PublicAddress = ReadPublicAddress(section),
            ExpectProxy = listener.ExpectProxy,
            StickyName = section.NonEmptyString("sticky_name") ?? DefaultStickyName,
            FrontTimeout = Timeout(section, "front_timeout", settings.FrontTimeout),
            BackTimeout = Timeout(section, "back_timeout", settings.BackTimeout),
            ConnectTimeout = Timeout(section, "connect_timeout", settings.ConnectTimeout),
            RequestTimeout = Timeout(section, "request_timeout", settings.RequestTimeout),
            HttpAnswers = HttpAnswersReader.ReadCustomAnswers(section, files),
        };
        HttpAnswersReader.ReadAnswerMap(section, files, config.Answers);
        if (section.NonEmptyString("sozu_id_header") is { } idHeader)
        {
            config.SozuIdHeader = idHeader;
        }

        RealIpReader.Read(section, value => config.SendXRealIp = value, value => config.ElideXRealIp = value);
        Http2KeysReader.Read(section, config);
        config.Versions.AddRange(CertificateReader.ReadVersions(section) ?? [TlsVersion.TlsV12, TlsVersion.TlsV13]);
        config.CipherList.AddRange(Strings(section, "cipher_list"));
        config.CipherSuites.AddRange(Strings(section, "cipher_suites"));
        config.AlpnProtocols.AddRange(ReadAlpn(section));
        config.Hsts = HstsReader.Read(section);
        if (CertificateReader.Read(section, files) is { } certificate)
        {
            config.Certificate = certificate.Certificate;
            config.Key = certificate.Key;
            config.CertificateChain.AddRange(certificate.CertificateChain);
        }

        return config;
    }

    private static TcpListenerConfig ReadTcp(ConfigSection section, DeclaredListener listener, ProxySettings settings) => new()
    {
        Address = SocketAddressText.ToProto(listener.Address),
        PublicAddress = ReadPublicAddress(section),
        ExpectProxy = listener.ExpectProxy,
        FrontTimeout = Timeout(section, "front_timeout", settings.FrontTimeout),
        BackTimeout = Timeout(section, "back_timeout", settings.BackTimeout),
        ConnectTimeout = Timeout(section, "connect_timeout", settings.ConnectTimeout),
    };

    private static Protocol.SocketAddress? ReadPublicAddress(ConfigSection section) =>
        AddressReader.Optional(section, "public_address") is { } address ? SocketAddressText.ToProto(address) : null;

    private static uint Timeout(ConfigSection section, string key, int fallback) =>
        (uint)(section.Int32(key, 1) ?? fallback);

    private static IEnumerable<string> Strings(ConfigSection section, string key) =>
        section.StringList(key)?.Select(item => item.Value) ?? [];

    private static IEnumerable<string> ReadAlpn(ConfigSection section)
    {
        foreach (var (protocol, position) in section.StringList("alpn_protocols") ?? [])
        {
            yield return AlpnProtocols.Contains(protocol)
                ? protocol
                : throw new ConfigException(position, $"unknown alpn_protocols entry '{protocol}'; expected \"h2\" or \"http/1.1\"");
        }
    }
}
