namespace Torii.Connectors.Settings;

/// <summary>A connector setting is missing, malformed or out of range; the message says where.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
