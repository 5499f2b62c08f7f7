namespace Torii.Proxy.Logging;

/// <summary>How access log records are written (Sōzu's access_logs_format, plus json).</summary>
public enum AccessLogFormat
{
    /// <summary>One line of space-separated key=value fields: the fastest, and the default.</summary>
    Ascii,

    /// <summary>One JSON object per line.</summary>
    Json,

    /// <summary>Sōzu's ProtobufAccessLog, varint-length-delimited and followed by two zero bytes.</summary>
    Protobuf,
}
