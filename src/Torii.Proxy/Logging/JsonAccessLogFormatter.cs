namespace Torii.Proxy.Logging;

/// <summary>One JSON object per line, with the field names of Sōzu's protobuf record; absent values are left out.</summary>
internal static class JsonAccessLogFormatter
{
    public static int Format(in AccessLogEntry entry, Span<byte> line)
    {
        var writer = new JsonLineWriter(line[..JsonLineWriter.MaxLineLength]);
        writer.Begin();
        writer.Timestamp("time"u8, entry.Time);
        writer.String("protocol"u8, ProtocolName(entry.Protocol));
        writer.String("request_id"u8, entry.RequestId);
        writer.String("cluster_id"u8, entry.ClusterId);
        writer.String("backend_id"u8, entry.BackendId);
        writer.Address("session_address"u8, entry.Client);
        writer.Address("backend_address"u8, entry.BackendAddress);
        writer.String("method"u8, entry.Method);
        writer.String("authority"u8, entry.Host);
        writer.String("path"u8, entry.Path);
        if (entry.Protocol != AccessLogProtocol.Tcp)
        {
            writer.Number("status"u8, entry.Status);
        }

        writer.Number("bytes_in"u8, entry.BytesIn);
        writer.Number("bytes_out"u8, entry.BytesOut);
        writer.Number("service_time_us"u8, entry.ServiceMicros);
        writer.Number("request_time_us"u8, entry.TotalMicros);
        writer.String("user_agent"u8, entry.UserAgent);
        if (entry.Tls is { } tls)
        {
            writer.String("tls_version"u8, tls.Version);
            writer.String("tls_cipher"u8, tls.Cipher);
            writer.String("tls_sni"u8, tls.Sni);
            writer.String("tls_alpn"u8, tls.Alpn);
        }

        return writer.End();
    }

    public static string ProtocolName(AccessLogProtocol protocol) => protocol switch
    {
        AccessLogProtocol.Https => "HTTPS",
        AccessLogProtocol.H2 => "H2",
        AccessLogProtocol.H2c => "H2C",
        AccessLogProtocol.Tcp => "TCP",
        _ => "HTTP",
    };
}
