using Torii.Protocol;

namespace Torii.Config.Loading;

/// <summary>Reads a frontend of a tcp cluster into an add_tcp_frontend request.</summary>
internal static class TcpFrontendReader
{
    private const string AddressOnly = "tcp frontends match on the listener address only";

    private static readonly string[] HttpOnlyKeys =
        ["hostname", "path", "path_type", "method", "position", "redirect", .. CertificateReader.Keys];

    public static (ConfigRequest Request, DeclaredListener Listener) Read(
        string clusterId,
        ConfigSection section,
        IReadOnlyList<DeclaredListener> listeners)
    {
        section.CheckKeys(["address", "tags"], HttpOnlyKeys.ToDictionary(key => key, _ => AddressOnly));
        var listener = ListenerLookup.Find(section, listeners);
        if (listener.Type != ListenerType.Tcp)
        {
            throw section.ErrorAt(
                "address",
                $"{listener.Address} is an {listener.Type.ToString().ToLowerInvariant()} listener, but cluster '{clusterId}' is a tcp cluster: its frontends need a tcp listener");
        }

        var frontend = new RequestTcpFrontend
        {
            ClusterId = clusterId,
            Address = SocketAddressText.ToProto(listener.Address),
        };
        foreach (var (key, value, _) in section.StringTable("tags") ?? [])
        {
            frontend.Tags[key] = value;
        }

        return (new ConfigRequest(new Request { AddTcpFrontend = frontend }, section.Position), listener);
    }
}
