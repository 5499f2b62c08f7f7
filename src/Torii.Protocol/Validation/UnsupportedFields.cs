using Google.Protobuf;
using Google.Protobuf.Reflection;
using RequestCase = Torii.Protocol.Request.RequestTypeOneofCase;

namespace Torii.Protocol;

/// <summary>
/// Sōzu 2.1 fields that Torii declares but does not carry out. A request that asks for one of
/// them is refused by name instead of being answered OK while the field is dropped, so a
/// producer never believes a policy is in force that is not. A field set to the value that
/// means "off" asks for nothing and is accepted, because Sōzu's producers send their defaults.
/// </summary>
internal static class UnsupportedFields
{
    // Declared before the arrays built from it: static fields are initialised in order.
    private static readonly string[] Http2SettingsNotCarriedOut =
    [
        "h2_stream_shrink_ratio", "h2_max_rst_stream_lifetime", "h2_max_rst_stream_abusive_lifetime",
        "h2_max_rst_stream_emitted_lifetime", "h2_max_header_table_size",
    ];

    private static readonly FieldDescriptor[] HttpListenerHttp2 = Http2Limits(HttpListenerConfig.Descriptor);
    private static readonly FieldDescriptor[] HttpsListenerHttp2 = Http2Limits(HttpsListenerConfig.Descriptor);
    private static readonly FieldDescriptor[] HttpUpdateHttp2 = Http2Limits(UpdateHttpListenerConfig.Descriptor);
    private static readonly FieldDescriptor[] HttpsUpdateHttp2 = Http2Limits(UpdateHttpsListenerConfig.Descriptor);

    private const string TlsLibraryDefaults = "the TLS library's own list applies; only Sōzu's default list is accepted";

    /// <returns>"unsupported field Message.field (why)" for the first such field, or null.</returns>
    public static string? Find(Request request) => request.RequestTypeCase switch
    {
        RequestCase.AddCluster => InCluster(request.AddCluster),
        RequestCase.AddHttpFrontend => InFrontend(request.AddHttpFrontend),
        RequestCase.AddHttpsFrontend => InFrontend(request.AddHttpsFrontend),
        RequestCase.AddHttpListener => InHttpListener(request.AddHttpListener),
        RequestCase.AddHttpsListener => InHttpsListener(request.AddHttpsListener),
        RequestCase.UpdateHttpListener => InHttpUpdate(request.UpdateHttpListener),
        RequestCase.UpdateHttpsListener => InHttpsUpdate(request.UpdateHttpsListener),
        _ => null,
    };

    // The enum's proto name is looked up (by reflection) only for a request that is refused.
    private static string? InCluster(Cluster cluster) =>
        (cluster.HasLoadMetric && cluster.LoadMetric != LoadMetric.Connections
            ? Unsupported($"Cluster.load_metric = {ProtoEnumName.Of(cluster.LoadMetric)}", "the least-loaded balancers count connections")
            : null)
        ?? Refuse(cluster.Udp is not null, "Cluster.udp", "Torii has no UDP proxy");

    private static string? InFrontend(RequestHttpFrontend frontend) =>
        frontend.HasPosition && frontend.Position != RulePosition.Tree
            ? Unsupported($"RequestHttpFrontend.position = {ProtoEnumName.Of(frontend.Position)}", "Torii's routing order is fixed")
            : null;

    private static string? InHttpListener(HttpListenerConfig listener) =>
        FirstSet(listener, HttpListenerHttp2);

    private static string? InHttpsListener(HttpsListenerConfig listener) =>
        Refuse(!SozuTlsDefaults.IsNoPreference(listener.SignatureAlgorithms, SozuTlsDefaults.SignatureAlgorithms), "HttpsListenerConfig.signature_algorithms", TlsLibraryDefaults)
        ?? Refuse(!SozuTlsDefaults.IsNoPreference(listener.GroupsList, SozuTlsDefaults.Groups), "HttpsListenerConfig.groups_list", TlsLibraryDefaults)
        ?? Refuse(listener.HasSendTls13Tickets && !SozuTlsDefaults.TicketCounts.Contains(listener.SendTls13Tickets),
            "HttpsListenerConfig.send_tls13_tickets", "OpenSSL sends 2 tickets; 2 and Sōzu's default 4 are accepted")
        ?? Refuse(listener.HasStrictSniBinding && listener.StrictSniBinding, "HttpsListenerConfig.strict_sni_binding")
        ?? Refuse(listener.HasDisableHttp11 && listener.DisableHttp11, "HttpsListenerConfig.disable_http11")
        ?? Refuse(listener.AlpnProtocols.Any(protocol => protocol is not ("h2" or "http/1.1")), "HttpsListenerConfig.alpn_protocols", "h2 and http/1.1 are offered")
        ?? FirstSet(listener, HttpsListenerHttp2);

    private static string? InHttpUpdate(UpdateHttpListenerConfig update) =>
        FirstSet(update, HttpUpdateHttp2);

    private static string? InHttpsUpdate(UpdateHttpsListenerConfig update) =>
        Refuse(update.HasStrictSniBinding && update.StrictSniBinding, "UpdateHttpsListenerConfig.strict_sni_binding")
        ?? Refuse(update.HasDisableHttp11 && update.DisableHttp11, "UpdateHttpsListenerConfig.disable_http11")
        ?? Refuse(update.AlpnProtocols is not null, "UpdateHttpsListenerConfig.alpn_protocols", "re-add the listener to change what ALPN offers")
        ?? FirstSet(update, HttpsUpdateHttp2);

    private static string? Refuse(bool asked, string field, string? why = null) => asked ? Unsupported(field, why) : null;

    private static string Unsupported(string field, string? why) =>
        why is null ? $"unsupported field {field}" : $"unsupported field {field} ({why})";

    /// <summary>The HTTP/2 settings Torii does not have: any one present asks for it.</summary>
    private static string? FirstSet(IMessage message, FieldDescriptor[] fields)
    {
        foreach (FieldDescriptor field in fields)
        {
            if (field.Accessor.HasValue(message))
            {
                return Refuse(true, $"{message.Descriptor.Name}.{field.Name}", "Torii's HTTP/2 has no such setting");
            }
        }

        return null;
    }

    private static FieldDescriptor[] Http2Limits(MessageDescriptor descriptor) =>
        [.. descriptor.Fields.InFieldNumberOrder().Where(field => Http2SettingsNotCarriedOut.Contains(field.Name))];
}
