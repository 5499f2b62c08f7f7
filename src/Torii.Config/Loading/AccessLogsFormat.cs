namespace Torii.Config.Loading;

/// <summary>The values of access_logs_format: Sōzu's ascii and protobuf, and Torii's json.</summary>
internal enum AccessLogsFormat
{
    Ascii,
    Json,
    Protobuf,
}
