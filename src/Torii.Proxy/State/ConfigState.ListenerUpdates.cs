using Google.Protobuf;
using Torii.Protocol;
using Torii.Proxy.Actions;
using Torii.Proxy.Http;
using Torii.Proxy.Listeners;
using Torii.Proxy.Tls;

namespace Torii.Proxy.State;

/// <summary>
/// update_http_listener, update_https_listener, update_tcp_listener: Sōzu's field-masked patch.
/// The fields present in the update replace the listener's; the merged configuration is checked
/// whole before anything changes. Connections already open keep the settings they started with.
/// </summary>
public sealed partial class ConfigState
{
    public string UpdateHttpListener(UpdateHttpListenerConfig update) => UpdateListener(update, update.Address, ListenerType.Http);

    public string UpdateHttpsListener(UpdateHttpsListenerConfig update) => UpdateListener(update, update.Address, ListenerType.Https);

    public string UpdateTcpListener(UpdateTcpListenerConfig update) => UpdateListener(update, update.Address, ListenerType.Tcp);

    private string UpdateListener(IMessage update, SocketAddress addressField, ListenerType type)
    {
        var address = EndPointOf(addressField);
        var entry = RequireListener(address, type);
        var config = ListenerPatch.Copy(entry.Config);
        var changed = ListenerPatch.Apply(update, config);
        if (changed.Count == 0)
        {
            return $"{entry.Protocol} listener {address}: nothing to change";
        }

        var settings = SettingsOf(config);
        if (entry.Active)
        {
            listenerHost.Update(settings);
        }

        _listeners[address] = entry with { Config = config, Settings = settings };
        return $"{entry.Protocol} listener {address} updated: {string.Join(", ", changed)}";
    }

    private static ListenerSettings SettingsOf(IMessage config) => config switch
    {
        HttpListenerConfig http => HttpSettingsOf(http),
        HttpsListenerConfig https => HttpsSettingsOf(https),
        TcpListenerConfig tcp => TcpSettingsOf(tcp),
        _ => throw new InvalidOperationException($"unknown listener configuration {config.Descriptor.Name}"),
    };

    private static ListenerSettings HttpSettingsOf(HttpListenerConfig config) => new(
        EndPointOf(config.Address),
        ListenerProtocol.Http,
        TimeSpan.FromSeconds(config.FrontTimeout),
        TimeSpan.FromSeconds(config.BackTimeout),
        TimeSpan.FromSeconds(config.ConnectTimeout),
        TimeSpan.FromSeconds(config.RequestTimeout),
        config.StickyName,
        BuildAnswers(config.HttpAnswers, config.Answers),
        config.ExpectProxy)
    {
        RealIp = new(config.SendXRealIp, config.ElideXRealIp),
        RequestIdHeader = config.HasSozuIdHeader ? System.Text.Encoding.ASCII.GetBytes(config.SozuIdHeader) : null,
        Http2 = Http2LimitsOf.Read(config),
    };

    private static ListenerSettings HttpsSettingsOf(HttpsListenerConfig config) => new(
        EndPointOf(config.Address),
        ListenerProtocol.Https,
        TimeSpan.FromSeconds(config.FrontTimeout),
        TimeSpan.FromSeconds(config.BackTimeout),
        TimeSpan.FromSeconds(config.ConnectTimeout),
        TimeSpan.FromSeconds(config.RequestTimeout),
        config.StickyName,
        BuildAnswers(config.HttpAnswers, config.Answers),
        config.ExpectProxy,
        CipherSuiteSelection.Protocols(TlsProtocolsOf(config.Versions), config.CipherList.Concat(config.CipherSuites), out var cipherSuites),
        cipherSuites)
    {
        RealIp = new(config.SendXRealIp, config.ElideXRealIp),
        RequestIdHeader = config.HasSozuIdHeader ? System.Text.Encoding.ASCII.GetBytes(config.SozuIdHeader) : null,
        Hsts = HstsPolicy.From(config.Hsts, "hsts"),
        Http2 = Http2LimitsOf.Read(config),
        AlpnProtocols = AlpnOf(config.AlpnProtocols),
    };

    /// <summary>The listener's alpn_protocols in order; none given means h2 then http/1.1, as in Sōzu.</summary>
    private static List<System.Net.Security.SslApplicationProtocol> AlpnOf(IEnumerable<string> protocols)
    {
        List<System.Net.Security.SslApplicationProtocol> offered = [.. protocols.Select(protocol => new System.Net.Security.SslApplicationProtocol(protocol))];
        return offered.Count > 0 ? offered : ListenerSettings.DefaultAlpnProtocols;
    }

    private static ListenerSettings TcpSettingsOf(TcpListenerConfig config) => new(
        EndPointOf(config.Address),
        ListenerProtocol.Tcp,
        TimeSpan.FromSeconds(config.FrontTimeout),
        TimeSpan.FromSeconds(config.BackTimeout),
        TimeSpan.FromSeconds(config.ConnectTimeout),
        RequestTimeout: TimeSpan.Zero,
        StickyName: string.Empty,
        DefaultAnswers.None,
        config.ExpectProxy);
}
