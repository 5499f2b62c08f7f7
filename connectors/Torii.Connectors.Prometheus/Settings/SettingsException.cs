namespace Torii.Connectors.Prometheus.Settings;

/// <summary>A setting is missing, malformed or out of range; the message says which and where.</summary>
internal sealed class SettingsException(string message, Exception? innerException = null) : Exception(message, innerException);
