namespace Torii.Connectors.Logging;

public enum LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}
