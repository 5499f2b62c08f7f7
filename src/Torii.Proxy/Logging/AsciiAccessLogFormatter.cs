namespace Torii.Proxy.Logging;

/// <summary>
/// Torii's access log line, kept as it was before the other formats: key=value fields separated by
/// spaces, the TLS fields appended on TLS connections only. TCP connections have "-" for the HTTP fields.
/// </summary>
internal static class AsciiAccessLogFormatter
{
    /// <summary>A line longer than this is cut, field by field.</summary>
    public const int MaxLineLength = 4096;

    public static int Format(in AccessLogEntry entry, Span<byte> line)
    {
        var writer = new AsciiLineWriter(line[..MaxLineLength]);
        writer.Timestamp(entry.Time);
        writer.Field(" id="u8, entry.RequestId);
        writer.Field(" cluster="u8, entry.ClusterId);
        writer.Field(" backend="u8, entry.BackendId);
        writer.Address(" client="u8, entry.Client);
        writer.Field(" method="u8, entry.Method);
        writer.Field(" host="u8, entry.Host);
        writer.Field(" path="u8, entry.Path);
        writer.Number(" status="u8, entry.Status);
        writer.Number(" bytes_in="u8, entry.BytesIn);
        writer.Number(" bytes_out="u8, entry.BytesOut);
        writer.Number(" service_us="u8, entry.ServiceMicros);
        writer.Number(" total_us="u8, entry.TotalMicros);
        if (entry.Tls is { } tls)
        {
            writer.Field(" tls_version="u8, tls.Version);
            writer.Field(" tls_cipher="u8, tls.Cipher);
            writer.Field(" tls_sni="u8, tls.Sni);
            writer.Field(" tls_alpn="u8, tls.Alpn);
        }

        return writer.EndLine();
    }
}
